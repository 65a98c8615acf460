//! The sign-off store's SQL, for both backends like `sql.rs`. A step of the month and a
//! record write for that month both hold the team's row, so neither can slip past the
//! other: a record either commits before the month is handed in or is refused.

macro_rules! impl_signoff_store {
    ($store:ty, $db:ty) => {
        use app::domain::signoff::{MonthState, ReviewState};
        use app::services::store::signoff::*;

        /// Takes the team's row until commit (see `mark_change`).
        async fn hold_team<'c>(tx: &mut sqlx::Transaction<'c, $db>, team_id: i64) -> Result<(), StoreError> {
            sqlx::query("UPDATE teams SET change_seq = change_seq WHERE id = $1")
                .bind(team_id)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
            Ok(())
        }

        /// Refuses a write to a month the leader has handed in. Called with the team's
        /// row held, so the state read is the one that stays until commit.
        async fn refuse_locked<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
            months: &[&str],
        ) -> Result<(), StoreError> {
            for month in months {
                let state: Option<(String,)> =
                    sqlx::query_as("SELECT state FROM team_months WHERE team_id = $1 AND month = $2")
                        .bind(team_id)
                        .bind(*month)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                if state.and_then(|(s,)| MonthState::parse(&s)).is_some_and(MonthState::locks_records) {
                    return Err(StoreError::MonthLocked((*month).to_owned()));
                }
            }
            Ok(())
        }

        /// An edit asks for a new look: the review goes, and a returned record that its
        /// author fixed says so in the month's trail.
        async fn clear_review<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            record_id: &str,
            team_id: i64,
            month: &str,
            user_id: i64,
            at: DateTime<Utc>,
        ) -> Result<(), StoreError> {
            let was: Option<(String,)> =
                sqlx::query_as("DELETE FROM record_reviews WHERE record_id = $1 RETURNING state")
                    .bind(record_id)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(map_err)?;
            if was.is_some_and(|(s,)| s == ReviewState::Returned.as_str()) {
                month_event(tx, team_id, month, Some(record_id), at, user_id, "record_fixed", "").await?;
            }
            Ok(())
        }

        #[allow(clippy::too_many_arguments)]
        async fn month_event<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
            month: &str,
            record_id: Option<&str>,
            at: DateTime<Utc>,
            user_id: i64,
            action: &str,
            reason: &str,
        ) -> Result<(), StoreError> {
            sqlx::query(
                "INSERT INTO month_events (team_id, month, record_id, at, user_id, action, reason) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(team_id)
            .bind(month)
            .bind(record_id)
            .bind(at)
            .bind(user_id)
            .bind(action)
            .bind(reason)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
            Ok(())
        }

        /// Keeps the id of the phone's mutation with the write it made, in its transaction.
        async fn keep_mutation<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            mutation: Option<&str>,
            user_id: i64,
            record_id: &str,
            at: DateTime<Utc>,
        ) -> Result<(), StoreError> {
            if let Some(m) = mutation {
                sqlx::query("INSERT INTO sync_mutations (id, user_id, record_id, at) VALUES ($1, $2, $3, $4)")
                    .bind(m)
                    .bind(user_id)
                    .bind(record_id)
                    .bind(at)
                    .execute(&mut **tx)
                    .await
                    .map_err(map_err)?;
            }
            Ok(())
        }

        const REVIEW_COLUMNS: &str = "rv.record_id, rv.state, rv.comment, rv.reviewer_id, rv.at, rv.record_version";

        #[async_trait]
        impl SignoffStore for $store {
            async fn team_month(&self, team_id: i64, month: &str) -> Result<TeamMonth, StoreError> {
                let row = sqlx::query_as::<_, TeamMonthRow>(
                    "SELECT state, remarks, version, updated_at, submitted_at FROM team_months \
                     WHERE team_id = $1 AND month = $2",
                )
                .bind(team_id)
                .bind(month)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
                row.map(TeamMonth::try_from).transpose().map(Option::unwrap_or_default)
            }

            async fn team_months(&self, team_ids: &[i64], month: &str) -> Result<Vec<(i64, TeamMonth)>, StoreError> {
                let mut out = Vec::with_capacity(team_ids.len());
                for &id in team_ids {
                    out.push((id, self.team_month(id, month).await?));
                }
                Ok(out)
            }

            async fn change_month(&self, c: &MonthChange) -> Result<bool, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                hold_team(&mut tx, c.team_id).await?;
                let current: Option<(i64,)> =
                    sqlx::query_as("SELECT version FROM team_months WHERE team_id = $1 AND month = $2")
                        .bind(c.team_id)
                        .bind(&c.month)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                if current.map_or(0, |(v,)| v) != c.expected_version {
                    return Ok(false);
                }
                let submitted_at = (c.state == MonthState::Submitted).then_some(c.at);
                sqlx::query(
                    "INSERT INTO team_months (team_id, month, state, remarks, version, updated_at, updated_by, submitted_at) \
                     VALUES ($1, $2, $3, $4, 1, $5, $6, $7) \
                     ON CONFLICT (team_id, month) DO UPDATE SET state = excluded.state, remarks = excluded.remarks, \
                     version = team_months.version + 1, updated_at = excluded.updated_at, \
                     updated_by = excluded.updated_by, \
                     submitted_at = COALESCE(excluded.submitted_at, team_months.submitted_at)",
                )
                .bind(c.team_id)
                .bind(&c.month)
                .bind(c.state.as_str())
                .bind(&c.remarks)
                .bind(c.at)
                .bind(c.user_id)
                .bind(submitted_at)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                month_event(&mut tx, c.team_id, &c.month, None, c.at, c.user_id, &c.action, &c.reason).await?;
                keep_mutation(&mut tx, c.mutation.as_deref(), c.user_id, "", c.at).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(true)
            }

            async fn month_events(&self, team_id: i64, month: &str) -> Result<Vec<MonthEvent>, StoreError> {
                let rows = sqlx::query_as::<_, MonthEventRow>(
                    "SELECT record_id, at, user_id, action, reason FROM month_events \
                     WHERE team_id = $1 AND month = $2 ORDER BY id",
                )
                .bind(team_id)
                .bind(month)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(rows.into_iter().map(MonthEvent::from).collect())
            }

            async fn reviews(&self, team_id: i64, month: &str) -> Result<Vec<Review>, StoreError> {
                let rows = sqlx::query_as::<_, ReviewRow>(&format!(
                    "SELECT {REVIEW_COLUMNS} FROM record_reviews rv JOIN records r ON r.id = rv.record_id \
                     WHERE r.team_id = $1 AND r.month = $2 AND r.deleted_at IS NULL"
                ))
                .bind(team_id)
                .bind(month)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.into_iter().map(Review::try_from).collect()
            }

            async fn review_of(&self, record_id: &str) -> Result<Option<Review>, StoreError> {
                let row = sqlx::query_as::<_, ReviewRow>(&format!(
                    "SELECT {REVIEW_COLUMNS} FROM record_reviews rv WHERE rv.record_id = $1"
                ))
                .bind(record_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
                row.map(Review::try_from).transpose()
            }

            async fn set_review(
                &self,
                rv: &Review,
                team_id: i64,
                month: &str,
                mutation: Option<&str>,
            ) -> Result<bool, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                hold_team(&mut tx, team_id).await?;
                refuse_locked(&mut tx, team_id, &[month]).await?;
                let current: Option<(i64,)> =
                    sqlx::query_as("SELECT version FROM records WHERE id = $1 AND deleted_at IS NULL")
                        .bind(&rv.record_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                if current.map(|(v,)| v) != Some(rv.record_version) {
                    return Ok(false);
                }
                sqlx::query(
                    "INSERT INTO record_reviews (record_id, state, comment, reviewer_id, at, record_version) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (record_id) DO UPDATE SET \
                     state = excluded.state, comment = excluded.comment, reviewer_id = excluded.reviewer_id, \
                     at = excluded.at, record_version = excluded.record_version",
                )
                .bind(&rv.record_id)
                .bind(rv.state.as_str())
                .bind(&rv.comment)
                .bind(rv.reviewer_id)
                .bind(rv.at)
                .bind(rv.record_version)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                let action = match rv.state {
                    ReviewState::Returned => "record_returned",
                    _ => "record_accepted",
                };
                month_event(&mut tx, team_id, month, Some(&rv.record_id), rv.at, rv.reviewer_id, action, &rv.comment)
                    .await?;
                keep_mutation(&mut tx, mutation, rv.reviewer_id, &rv.record_id, rv.at).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(true)
            }

            async fn insert_notice(&self, n: &NewNotice) -> Result<i64, StoreError> {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO notices (user_id, at, kind, from_user, team_id, month, record_id, text) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(n.user_id)
                .bind(n.at)
                .bind(&n.kind)
                .bind(n.from_user)
                .bind(n.team_id)
                .bind(&n.month)
                .bind(&n.record_id)
                .bind(&n.text)
                .fetch_one(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(id)
            }

            async fn notices(&self, user_id: i64, limit: i64) -> Result<Vec<Notice>, StoreError> {
                let rows = sqlx::query_as::<_, NoticeRow>(
                    "SELECT id, user_id, at, kind, from_user, team_id, month, record_id, text, read_at \
                     FROM notices WHERE user_id = $1 AND read_at IS NULL ORDER BY id DESC LIMIT $2",
                )
                .bind(user_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(rows.into_iter().map(Notice::from).collect())
            }

            async fn mark_notices_read(
                &self,
                user_id: i64,
                team_id: i64,
                month: &str,
                record_id: Option<&str>,
                at: DateTime<Utc>,
            ) -> Result<(), StoreError> {
                let subject = if record_id.is_some() { "record_id = $5" } else { "record_id IS NULL AND $5 IS NULL" };
                sqlx::query(&format!(
                    "UPDATE notices SET read_at = $1 WHERE user_id = $2 AND team_id = $3 AND month = $4 \
                     AND read_at IS NULL AND {subject}"
                ))
                .bind(at)
                .bind(user_id)
                .bind(team_id)
                .bind(month)
                .bind(record_id)
                .execute(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(())
            }
        }
    };
}
