//! The police accounts' SQL, for both backends like `roster_sql.rs`, whose history
//! helpers (`note_unit`, `end_sessions`, `give_first_password`) it uses: expanded after `impl_roster_store!` in
//! the same module.

macro_rules! impl_police_store {
    ($store:ty, $db:ty) => {
        use app::services::store::police::*;

        /// The role and unit a police grant is stored as.
        fn police_grant(grant: RoleGrant) -> Result<(&'static str, i64), StoreError> {
            match grant {
                RoleGrant::CommunePolice { commune_id } => Ok(("commune_police", commune_id)),
                RoleGrant::ProvincePolice { province_id } => Ok(("province_police", province_id)),
                RoleGrant::Admin => Err(StoreError::Corrupt("admin is no unit's police".into())),
            }
        }

        /// Notes a change of a unit's police in its history: who, as "name · phone".
        async fn note_police<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            unit_id: i64,
            user_id: i64,
            action: ChangeAction,
            event: &str,
            by: ChangedBy,
        ) -> Result<(), StoreError> {
            let (name, phone): (String, String) =
                sqlx::query_as("SELECT full_name, phone FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(map_err)?;
            note_unit(tx, unit_id, action, Some((event, &format!("{name} · {phone}"))), by).await?;
            Ok(())
        }

        #[async_trait]
        impl PoliceStore for $store {
            async fn police_at(&self, unit_id: i64) -> Result<Vec<User>, StoreError> {
                let rows = sqlx::query_as::<_, $crate::store::rows::UserRow>(
                    "SELECT u.id, u.phone, u.full_name, u.password_hash, u.disabled, u.must_change_password \
                     FROM users u JOIN role_grants g ON g.user_id = u.id \
                     WHERE g.org_unit_id = $1 AND g.role IN ('commune_police', 'province_police') \
                     ORDER BY u.full_name, u.id",
                )
                .bind(unit_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(rows.into_iter().map(User::from).collect())
            }

            async fn add_police(
                &self,
                grant: RoleGrant,
                account: &PoliceSignIn,
                by: ChangedBy,
            ) -> Result<(i64, bool), StoreError> {
                let (role, unit_id) = police_grant(grant)?;
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let user_id = match account {
                    PoliceSignIn::Existing(id) => *id,
                    PoliceSignIn::New { phone, full_name, password_hash } => sqlx::query_scalar::<_, i64>(
                        "INSERT INTO users (phone, full_name, password_hash, must_change_password) \
                         VALUES ($1, $2, $3, TRUE) RETURNING id",
                    )
                    .bind(phone)
                    .bind(full_name)
                    .bind(password_hash)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(map_err)?,
                };
                let added = sqlx::query(
                    "INSERT INTO role_grants (user_id, role, org_unit_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                )
                .bind(user_id)
                .bind(role)
                .bind(unit_id)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?
                .rows_affected()
                    == 1;
                if added {
                    note_police(&mut tx, unit_id, user_id, ChangeAction::Edited, "police_added", by).await?;
                }
                tx.commit().await.map_err(map_err)?;
                Ok((user_id, added))
            }

            async fn remove_police(&self, grant: RoleGrant, user_id: i64, by: ChangedBy) -> Result<bool, StoreError> {
                let (role, unit_id) = police_grant(grant)?;
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let gone = sqlx::query("DELETE FROM role_grants WHERE user_id = $1 AND role = $2 AND org_unit_id = $3")
                    .bind(user_id)
                    .bind(role)
                    .bind(unit_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?
                    .rows_affected();
                if gone == 0 {
                    return Ok(false);
                }
                end_sessions(&mut tx, user_id).await?;
                note_police(&mut tx, unit_id, user_id, ChangeAction::Edited, "police_removed", by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(true)
            }

            async fn reset_police_password(
                &self,
                grant: RoleGrant,
                user_id: i64,
                password_hash: &str,
                by: ChangedBy,
            ) -> Result<bool, StoreError> {
                let (role, unit_id) = police_grant(grant)?;
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let holds: Option<i64> = sqlx::query_scalar(
                    "SELECT user_id FROM role_grants WHERE user_id = $1 AND role = $2 AND org_unit_id = $3",
                )
                .bind(user_id)
                .bind(role)
                .bind(unit_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(map_err)?;
                if holds.is_none() {
                    return Ok(false);
                }
                give_first_password(&mut tx, user_id, password_hash).await?;
                note_police(&mut tx, unit_id, user_id, ChangeAction::PasswordReset, "police_password_reset", by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(true)
            }
        }
    };
}
