//! The roster store's SQL, for both backends like `sql.rs`: each write of the commune's
//! own data and its history entry commit together or not at all.

macro_rules! impl_roster_store {
    ($store:ty, $db:ty) => {
        use app::domain::history::{ChangeAction, Subject};
        use app::services::store::roster::*;

        async fn note_change<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            subject: Subject,
            id: i64,
            action: ChangeAction,
            detail: &serde_json::Map<String, serde_json::Value>,
            by: ChangedBy,
        ) -> Result<(), StoreError> {
            sqlx::query(
                "INSERT INTO roster_changes (subject, subject_id, action, detail, by_user, at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(subject.as_str())
            .bind(id)
            .bind(action.as_str())
            .bind(serde_json::Value::Object(detail.clone()).to_string())
            .bind(by.user_id)
            .bind(by.at)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
            Ok(())
        }

        /// Reads the unit back as the transaction left it and notes the change.
        async fn note_unit<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            id: i64,
            action: ChangeAction,
            by: ChangedBy,
        ) -> Result<OrgUnit, StoreError> {
            let row = sqlx::query_as::<_, UnitRow>(&format!(
                "SELECT {UNIT_COLUMNS} FROM org_units WHERE id = $1"
            ))
            .bind(id)
            .fetch_one(&mut **tx)
            .await
            .map_err(map_err)?;
            let unit = OrgUnit::try_from(row)?;
            note_change(tx, Subject::Unit, id, action, &unit_detail(&unit), by).await?;
            Ok(unit)
        }

        /// Reads the team back as the transaction left it and notes the change.
        async fn note_team<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            id: i64,
            action: ChangeAction,
            by: ChangedBy,
        ) -> Result<Team, StoreError> {
            let team = read_team(&mut **tx, id).await?.ok_or_else(|| StoreError::Corrupt("team not read back".into()))?;
            note_change(tx, Subject::Team, id, action, &team_detail(&team), by).await?;
            Ok(team)
        }

        #[async_trait]
        impl RosterStore for $store {
            async fn add_unit(&self, u: &NewOrgUnit, by: ChangedBy) -> Result<OrgUnit, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let id = insert_unit(&mut *tx, u).await?;
                let unit = note_unit(&mut tx, id, ChangeAction::Created, by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(unit)
            }

            async fn edit_unit(
                &self,
                id: i64,
                e: &UnitEdit,
                by: ChangedBy,
            ) -> Result<Option<OrgUnit>, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let done = sqlx::query(
                    "UPDATE org_units SET name = $1, valid_from = $2, valid_to = $3 WHERE id = $4",
                )
                .bind(&e.name)
                .bind(e.valid_from)
                .bind(e.valid_to)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                if done.rows_affected() == 0 {
                    return Ok(None);
                }
                let unit = note_unit(&mut tx, id, ChangeAction::Edited, by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(Some(unit))
            }

            async fn add_team(&self, commune_id: i64, t: &TeamSettings, by: ChangedBy) -> Result<Team, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let new = NewTeam {
                    commune_id,
                    name: t.name.clone(),
                    kind: t.kind,
                    member_quota: t.member_quota,
                    operating_since: t.operating_since,
                    village_ids: t.village_ids.clone(),
                };
                let id = insert_team_rows(&mut tx, &new, &t.decision_no, t.decided_on).await?;
                let team = note_team(&mut tx, id, ChangeAction::Created, by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(team)
            }

            async fn edit_team(&self, id: i64, t: &TeamSettings, by: ChangedBy) -> Result<Option<Team>, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let done = sqlx::query(
                    "UPDATE teams SET name = $1, kind = $2, member_quota = $3, operating_since = $4, \
                        decision_no = $5, decided_on = $6 WHERE id = $7",
                )
                .bind(&t.name)
                .bind(t.kind.as_str())
                .bind(t.member_quota)
                .bind(t.operating_since)
                .bind(&t.decision_no)
                .bind(t.decided_on)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                if done.rows_affected() == 0 {
                    return Ok(None);
                }
                set_villages(&mut tx, id, &t.village_ids).await?;
                let team = note_team(&mut tx, id, ChangeAction::Edited, by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(Some(team))
            }

            async fn history_of(
                &self,
                subject: Subject,
                id: i64,
            ) -> Result<Vec<HistoryEntry>, StoreError> {
                let rows = sqlx::query_as::<_, HistoryRow>(
                    "SELECT c.action, c.detail, c.by_user, u.full_name AS by_name, c.at \
                     FROM roster_changes c JOIN users u ON u.id = c.by_user \
                     WHERE c.subject = $1 AND c.subject_id = $2 ORDER BY c.id",
                )
                .bind(subject.as_str())
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.into_iter().map(HistoryEntry::try_from).collect()
            }
        }
    };
}
