//! The store's SQL, written once: both backends accept the same statements
//! (`$n` placeholders, `RETURNING`, recursive CTEs), so one macro body
//! implements the trait for each pool type and the two cannot drift apart.

macro_rules! impl_store {
    ($store:ty, $db:ty, $backend:literal) => {
        use app::domain::roster::Origin;
        use app::domain::Role;
        use app::services::store::*;
        use async_trait::async_trait;
        use chrono::{DateTime, Utc};
        use $crate::store::rows::*;
        use $crate::store::map_err;

        const UNIT_COLUMNS: &str = "id, parent_id, kind, name, code, valid_from, valid_to, remote";
        const MEMBER_COLUMNS: &str = "id, team_id, user_id, full_name, date_of_birth, residence, phone, position, \
             origin, party_member, education, appointed_on, decision_no, certificate_no, badge_issued, \
             equipment, training, joined_on, left_on, gender, resident_since, age_approved_by, \
             age_approval_no, age_approved_on, certificate_on, area_id, leave_reason, leave_note";

        /// A roster entry's row.
        async fn insert_member_row<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
            user_id: Option<i64>,
            e: &app::domain::roster::RosterEntry,
            joined_on: chrono::NaiveDate,
        ) -> Result<i64, StoreError> {
            let approval = e.age_approval.as_ref();
            sqlx::query_scalar(
                "INSERT INTO members (team_id, user_id, full_name, date_of_birth, residence, phone, position, \
                    origin, party_member, education, appointed_on, decision_no, certificate_no, badge_issued, \
                    equipment, training, joined_on, gender, resident_since, age_approved_by, age_approval_no, \
                    age_approved_on, certificate_on, area_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, \
                    $20, $21, $22, $23, $24) RETURNING id",
            )
            .bind(team_id)
            .bind(user_id)
            .bind(&e.full_name)
            .bind(e.date_of_birth)
            .bind(&e.residence)
            .bind(&e.phone)
            .bind(e.position.as_str())
            .bind(e.origin.map(Origin::as_str))
            .bind(e.party_member)
            .bind(e.education.map(|x| x.as_str()).unwrap_or_default())
            .bind(e.appointed_on)
            .bind(&e.decision_no)
            .bind(&e.certificate_no)
            .bind(e.badge_issued)
            .bind(&e.equipment)
            .bind(&e.training)
            .bind(joined_on)
            .bind(e.gender.map(|g| g.as_str()))
            .bind(e.resident_since)
            .bind(approval.map(|a| a.approved_by.as_str()))
            .bind(approval.map(|a| a.decision_no.as_str()))
            .bind(approval.map(|a| a.approved_on))
            .bind(e.certificate_on)
            .bind(e.area_id)
            .fetch_one(&mut **tx)
            .await
            .map_err(map_err)
        }

        /// A new team's rows: the team, where it is placed from the start, its villages.
        async fn insert_team_rows<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            t: &NewTeam,
            decision_no: &str,
            decided_on: Option<chrono::NaiveDate>,
        ) -> Result<i64, StoreError> {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO teams (commune_id, name, kind, member_quota, operating_since, decision_no, decided_on) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(t.commune_id)
            .bind(&t.name)
            .bind(t.kind.as_str())
            .bind(t.member_quota)
            .bind(t.operating_since)
            .bind(decision_no)
            .bind(decided_on)
            .fetch_one(&mut **tx)
            .await
            .map_err(map_err)?;
            sqlx::query("INSERT INTO team_placements (team_id, commune_id, from_month) VALUES ($1, $2, '0001-01')")
                .bind(id)
                .bind(t.commune_id)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
            set_villages(tx, id, &t.village_ids).await?;
            Ok(id)
        }

        /// The villages a team covers, replacing those it covered.
        async fn set_villages<'c>(tx: &mut sqlx::Transaction<'c, $db>, team_id: i64, village_ids: &[i64]) -> Result<(), StoreError> {
            sqlx::query("DELETE FROM team_villages WHERE team_id = $1")
                .bind(team_id)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
            for village in village_ids {
                sqlx::query("INSERT INTO team_villages (team_id, village_id) VALUES ($1, $2)")
                    .bind(team_id)
                    .bind(village)
                    .execute(&mut **tx)
                    .await
                    .map_err(map_err)?;
            }
            Ok(())
        }

        /// A team with its villages, on a connection of the pool or a transaction's.
        async fn read_team(conn: &mut <$db as sqlx::Database>::Connection, id: i64) -> Result<Option<Team>, StoreError> {
            let Some(team) = sqlx::query_as::<_, TeamRow>(
                "SELECT id, commune_id, name, kind, member_quota, operating_since, decision_no, decided_on \
                 FROM teams WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(map_err)?
            else {
                return Ok(None);
            };
            let villages: Vec<(i64, String)> = sqlx::query_as(
                "SELECT o.id, o.name FROM team_villages tv JOIN org_units o ON o.id = tv.village_id \
                 WHERE tv.team_id = $1 ORDER BY o.name, o.id",
            )
            .bind(id)
            .fetch_all(&mut *conn)
            .await
            .map_err(map_err)?;
            team.into_team(villages).map(Some)
        }

        /// Writes a unit's row, on the pool or inside a transaction (`roster_sql`'s writes).
        async fn insert_unit<'e, E: sqlx::Executor<'e, Database = $db>>(e: E, u: &NewOrgUnit) -> Result<i64, StoreError> {
            sqlx::query_scalar(
                "INSERT INTO org_units (parent_id, kind, name, code, valid_from, valid_to) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(u.parent_id)
            .bind(u.kind.as_str())
            .bind(&u.name)
            .bind(&u.code)
            .bind(u.valid_from)
            .bind(u.valid_to)
            .fetch_one(e)
            .await
            .map_err(map_err)
        }

        #[async_trait]
        impl Store for $store {
            fn backend(&self) -> &'static str {
                $backend
            }

            async fn ping(&self) -> Result<(), StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await.map_err(map_err)?;
                Ok(())
            }

            async fn is_empty(&self) -> Result<bool, StoreError> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT (SELECT COUNT(*) FROM org_units) + (SELECT COUNT(*) FROM users)",
                )
                .fetch_one(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(n == 0)
            }

            async fn insert_org_unit(&self, u: &NewOrgUnit) -> Result<i64, StoreError> {
                insert_unit(&self.pool, u).await
            }

            async fn org_unit(&self, id: i64) -> Result<Option<OrgUnit>, StoreError> {
                let row = sqlx::query_as::<_, UnitRow>(&format!("SELECT {UNIT_COLUMNS} FROM org_units WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(map_err)?;
                row.map(OrgUnit::try_from).transpose()
            }

            async fn child_units(&self, id: i64) -> Result<Vec<OrgUnit>, StoreError> {
                let rows = sqlx::query_as::<_, UnitRow>(&format!(
                    "SELECT {UNIT_COLUMNS} FROM org_units WHERE parent_id = $1 ORDER BY name, id"
                ))
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.into_iter().map(OrgUnit::try_from).collect()
            }

            async fn root_units(&self) -> Result<Vec<OrgUnit>, StoreError> {
                let rows = sqlx::query_as::<_, UnitRow>(&format!(
                    "SELECT {UNIT_COLUMNS} FROM org_units WHERE parent_id IS NULL ORDER BY name, id"
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.into_iter().map(OrgUnit::try_from).collect()
            }

            async fn unit_and_above(&self, id: i64) -> Result<Vec<i64>, StoreError> {
                sqlx::query_scalar(
                    "WITH RECURSIVE up(id, parent_id, depth) AS ( \
                        SELECT id, parent_id, 0 FROM org_units WHERE id = $1 \
                        UNION ALL \
                        SELECT o.id, o.parent_id, up.depth + 1 FROM org_units o JOIN up ON o.id = up.parent_id \
                     ) SELECT id FROM up ORDER BY depth",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)
            }

            async fn insert_team(&self, t: &NewTeam) -> Result<i64, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let id = insert_team_rows(&mut tx, t, "", None).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(id)
            }

            async fn team(&self, id: i64) -> Result<Option<Team>, StoreError> {
                let mut conn = self.pool.acquire().await.map_err(map_err)?;
                read_team(&mut conn, id).await
            }

            async fn teams_under(&self, unit_id: i64) -> Result<Vec<TeamListing>, StoreError> {
                let rows = sqlx::query_as::<_, TeamListingRow>(
                    "WITH RECURSIVE down(id) AS ( \
                        SELECT id FROM org_units WHERE id = $1 \
                        UNION ALL \
                        SELECT o.id FROM org_units o JOIN down ON o.parent_id = down.id \
                     ) \
                     SELECT t.id, t.name, t.kind, t.commune_id, c.name AS commune_name, t.member_quota, \
                        (SELECT COUNT(*) FROM members m WHERE m.team_id = t.id AND m.left_on IS NULL) AS member_count \
                     FROM teams t JOIN org_units c ON c.id = t.commune_id \
                     WHERE t.commune_id IN (SELECT id FROM down) AND t.dissolved_on IS NULL \
                     ORDER BY c.name, t.name, t.id",
                )
                .bind(unit_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.into_iter().map(TeamListing::try_from).collect()
            }

            async fn insert_member(&self, m: &NewMember) -> Result<i64, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let id = insert_member_row(&mut tx, m.team_id, m.user_id, &m.entry, m.joined_on).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(id)
            }

            async fn team_members(&self, team_id: i64) -> Result<Vec<Member>, StoreError> {
                let rows = sqlx::query_as::<_, MemberRow>(&format!(
                    "SELECT {MEMBER_COLUMNS} FROM members WHERE team_id = $1 AND left_on IS NULL \
                     ORDER BY CASE position WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, full_name, id"
                ))
                .bind(team_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.into_iter().map(Member::try_from).collect()
            }

            async fn insert_user(&self, u: &NewUser) -> Result<i64, StoreError> {
                sqlx::query_scalar(
                    "INSERT INTO users (phone, full_name, password_hash) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(&u.phone)
                .bind(&u.full_name)
                .bind(&u.password_hash)
                .fetch_one(&self.pool)
                .await
                .map_err(map_err)
            }

            async fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
                self.user_where("id = $1", id).await
            }

            async fn user_by_phone(&self, phone: &str) -> Result<Option<User>, StoreError> {
                self.user_where("phone = $1", phone.to_owned()).await
            }

            async fn set_password_hash(&self, user_id: i64, hash: &str) -> Result<(), StoreError> {
                sqlx::query("UPDATE users SET password_hash = $1, must_change_password = FALSE WHERE id = $2")
                    .bind(hash)
                    .bind(user_id)
                    .execute(&self.pool)
                    .await
                    .map_err(map_err)?;
                Ok(())
            }

            async fn grant_role(&self, user_id: i64, grant: RoleGrant) -> Result<(), StoreError> {
                let (role, unit) = match grant {
                    RoleGrant::CommunePolice { commune_id } => ("commune_police", Some(commune_id)),
                    RoleGrant::ProvincePolice { province_id } => ("province_police", Some(province_id)),
                    RoleGrant::Admin => ("admin", None),
                };
                sqlx::query(
                    "INSERT INTO role_grants (user_id, role, org_unit_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                )
                .bind(user_id)
                .bind(role)
                .bind(unit)
                .execute(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(())
            }

            async fn roles_of(&self, user_id: i64) -> Result<Vec<Role>, StoreError> {
                let team_rows = sqlx::query_as::<_, TeamRoleRow>(
                    "SELECT team_id, position FROM members WHERE user_id = $1 AND left_on IS NULL ORDER BY team_id",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                let mut roles = team_rows.into_iter().map(Role::try_from).collect::<Result<Vec<_>, _>>()?;
                let grants = sqlx::query_as::<_, GrantRow>(
                    "SELECT role, org_unit_id FROM role_grants WHERE user_id = $1 ORDER BY role, org_unit_id",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                for grant in grants {
                    let role = Role::try_from(grant)?;
                    if !roles.contains(&role) {
                        roles.push(role);
                    }
                }
                Ok(roles)
            }

            async fn insert_session(&self, s: &NewSession) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(&s.token_hash)
                .bind(s.user_id)
                .bind(s.created_at)
                .bind(s.expires_at)
                .execute(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(())
            }

            async fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<i64>, StoreError> {
                sqlx::query_scalar("SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
                    .bind(token_hash)
                    .bind(now)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(map_err)
            }

            async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await
                    .map_err(map_err)?;
                Ok(())
            }

            async fn delete_sessions_except(&self, user_id: i64, keep: Option<&str>) -> Result<u64, StoreError> {
                let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                    .bind(user_id)
                    .bind(keep.unwrap_or(""))
                    .execute(&self.pool)
                    .await
                    .map_err(map_err)?;
                Ok(done.rows_affected())
            }

            async fn count_login_attempt(
                &self,
                key: &str,
                now: DateTime<Utc>,
                window_cutoff: DateTime<Utc>,
            ) -> Result<LoginAttempts, StoreError> {
                // Every right-hand side reads the row as it was before this statement.
                let (count, previous_at): (i64, Option<DateTime<Utc>>) = sqlx::query_as(
                    "INSERT INTO login_throttle (key, attempts, window_start, last_at, previous_at) \
                     VALUES ($1, 1, $2, $2, NULL) \
                     ON CONFLICT (key) DO UPDATE SET \
                     attempts = CASE WHEN login_throttle.window_start < $3 THEN 1 \
                                ELSE login_throttle.attempts + 1 END, \
                     previous_at = CASE WHEN login_throttle.window_start < $3 THEN NULL \
                                   ELSE login_throttle.last_at END, \
                     window_start = CASE WHEN login_throttle.window_start < $3 THEN $2 \
                                    ELSE login_throttle.window_start END, \
                     last_at = $2 \
                     RETURNING attempts, previous_at",
                )
                .bind(key)
                .bind(now)
                .bind(window_cutoff)
                .fetch_one(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(LoginAttempts { count, previous_at })
            }

            async fn purge_expired(&self, now: DateTime<Utc>, failures_before: DateTime<Utc>) -> Result<u64, StoreError> {
                self.purge(now, failures_before).await
            }

            async fn clear_login_attempts(&self, key: &str) -> Result<(), StoreError> {
                sqlx::query("DELETE FROM login_throttle WHERE key = $1")
                    .bind(key)
                    .execute(&self.pool)
                    .await
                    .map_err(map_err)?;
                Ok(())
            }
        }

        impl $store {
            async fn purge(&self, now: DateTime<Utc>, failures_before: DateTime<Utc>) -> Result<u64, StoreError> {
                let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(map_err)?;
                let failures = sqlx::query("DELETE FROM login_throttle WHERE last_at < $1")
                    .bind(failures_before)
                    .execute(&self.pool)
                    .await
                    .map_err(map_err)?;
                // A photo its phone stopped sending long ago will not be finished.
                let stale = now - chrono::Duration::days(app::domain::records::photo::UNFINISHED_KEPT_DAYS);
                sqlx::query(
                    "DELETE FROM photo_upload_parts WHERE photo_id IN \
                     (SELECT photo_id FROM photo_uploads WHERE updated_at < $1)",
                )
                .bind(stale)
                .execute(&self.pool)
                .await
                .map_err(map_err)?;
                let uploads = sqlx::query("DELETE FROM photo_uploads WHERE updated_at < $1")
                    .bind(stale)
                    .execute(&self.pool)
                    .await
                    .map_err(map_err)?;
                Ok(sessions.rows_affected() + failures.rows_affected() + uploads.rows_affected())
            }

            async fn user_where<T>(&self, condition: &str, value: T) -> Result<Option<User>, StoreError>
            where
                T: Send + 'static,
                T: for<'q> sqlx::Encode<'q, $db> + sqlx::Type<$db>,
            {
                let row = sqlx::query_as::<_, UserRow>(&format!(
                    "SELECT id, phone, full_name, password_hash, disabled, must_change_password FROM users WHERE {condition}"
                ))
                .bind(value)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(row.map(User::from))
            }
        }
    };
}
