//! The counting, for both backends like `sql.rs`: the counts of a team-month are
//! refreshed inside the transaction of every record write (`refresh_counts`), so they
//! can never disagree with the records they count; `recount_all` rebuilds them all.
//! The indicator store (`indicators_sql.rs`) reads what is written here.

macro_rules! impl_counting {
    ($db:ty) => {
        use app::domain::indicators::measures::{count_month, month_of};
        use app::domain::indicators::period::previous;
        use app::domain::indicators::{Activity, Counted, CountingRules, Membership};
        use app::domain::local_time::YearMonth;
        use app::domain::records::RecordBody;
        use std::collections::{BTreeMap, BTreeSet};

        /// Whether the commune police logged a record themselves: an author with that
        /// role who is not on the team's roster.
        const BY_POLICE: &str = "(EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = r.author_id \
                AND g.role = 'commune_police') \
              AND NOT EXISTS (SELECT 1 FROM members x WHERE x.team_id = r.team_id AND x.user_id = r.author_id)) \
              AS by_police";

        /// Adds up team-month counts into commune-month rows; `filter` narrows the rows read.
        fn commune_sums_sql(filter: &str) -> String {
            let sums: Vec<String> = Activity::COLUMNS.iter().map(|c| format!("SUM({c})")).collect();
            format!(
                "INSERT INTO commune_month_counts (commune_id, month, {}) \
                 SELECT commune_id, month, {} FROM team_month_counts {filter} GROUP BY commune_id, month",
                count_columns(),
                sums.join(", ")
            )
        }

        fn count_records(
            m: YearMonth,
            records: &[(RecordBody, bool)],
            roster: &[Membership],
            rules: &CountingRules,
        ) -> Activity {
            let counted: Vec<Counted<'_>> = records
                .iter()
                .map(|(body, by_police)| Counted { body, by_police: *by_police })
                .collect();
            count_month(m, &counted, roster, rules)
        }

        fn count_columns() -> String {
            Activity::COLUMNS.join(", ")
        }

        async fn rules_in<'c>(tx: &mut sqlx::Transaction<'c, $db>) -> Result<CountingRules, StoreError> {
            let row = sqlx::query_as::<_, RulesRow>(
                "SELECT report_start_day, in_time_minutes FROM indicator_settings WHERE id = 1",
            )
            .fetch_one(&mut **tx)
            .await
            .map_err(map_err)?;
            CountingRules::try_from(row)
        }

        /// The team's records that may count in report month `m`, and whether the commune
        /// police logged each one themselves.
        async fn records_for_month<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
            m: YearMonth,
            rules: &CountingRules,
        ) -> Result<Vec<(RecordBody, bool)>, StoreError> {
            // A report month starting after the 1st spans two calendar months.
            let earlier = if rules.calendar.start_day() == 1 { m } else { previous(m) };
            let rows = sqlx::query_as::<_, CountedBodyRow>(&format!(
                "SELECT r.body, {BY_POLICE} \
                 FROM records r WHERE r.team_id = $1 AND r.deleted_at IS NULL AND r.month IN ($2, $3)"
            ))
            .bind(team_id)
            .bind(earlier.key())
            .bind(m.key())
            .fetch_all(&mut **tx)
            .await
            .map_err(map_err)?;
            rows.into_iter().map(<(RecordBody, bool)>::try_from).collect()
        }

        async fn roster_in<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
        ) -> Result<Vec<Membership>, StoreError> {
            let rows = sqlx::query_as::<_, MembershipRow>("SELECT id, joined_on, left_on FROM members WHERE team_id = $1")
                .bind(team_id)
                .fetch_all(&mut **tx)
                .await
                .map_err(map_err)?;
            Ok(rows.into_iter().map(Membership::from).collect())
        }

        /// The commune the team sat in during report month `m`.
        async fn commune_at<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
            m: YearMonth,
        ) -> Result<i64, StoreError> {
            sqlx::query_scalar(
                "SELECT commune_id FROM team_placements WHERE team_id = $1 AND from_month <= $2 \
                 ORDER BY from_month DESC LIMIT 1",
            )
            .bind(team_id)
            .bind(m.key())
            .fetch_one(&mut **tx)
            .await
            .map_err(map_err)
        }

        /// Adds up a commune's month again from its teams' counts.
        async fn refresh_commune_month<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            commune_id: i64,
            month: &str,
        ) -> Result<(), StoreError> {
            sqlx::query("DELETE FROM commune_month_counts WHERE commune_id = $1 AND month = $2")
                .bind(commune_id)
                .bind(month)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
            sqlx::query(&commune_sums_sql("WHERE commune_id = $1 AND month = $2"))
            .bind(commune_id)
            .bind(month)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
            Ok(())
        }

        /// Stores a team-month's counts: removed when they are all zero, so a month
        /// without a row counted nothing.
        async fn write_count<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
            m: YearMonth,
            a: &Activity,
        ) -> Result<i64, StoreError> {
            let commune_id = commune_at(tx, team_id, m).await?;
            if a.is_zero() {
                sqlx::query("DELETE FROM team_month_counts WHERE team_id = $1 AND month = $2")
                    .bind(team_id)
                    .bind(m.key())
                    .execute(&mut **tx)
                    .await
                    .map_err(map_err)?;
                return Ok(commune_id);
            }
            let placeholders: Vec<String> =
                (4..4 + Activity::COLUMNS.len()).map(|i| format!("${i}")).collect();
            let updates: Vec<String> =
                Activity::COLUMNS.iter().map(|c| format!("{c} = excluded.{c}")).collect();
            let sql = format!(
                "INSERT INTO team_month_counts (team_id, month, commune_id, {}) VALUES ($1, $2, $3, {}) \
                 ON CONFLICT (team_id, month) DO UPDATE SET commune_id = excluded.commune_id, {}",
                count_columns(),
                placeholders.join(", "),
                updates.join(", ")
            );
            let mut q = sqlx::query(&sql).bind(team_id).bind(m.key()).bind(commune_id);
            for v in a.values() {
                q = q.bind(v);
            }
            q.execute(&mut **tx).await.map_err(map_err)?;
            Ok(commune_id)
        }

        /// Recounts the report months the given bodies (before and after a write) fall in.
        pub(crate) async fn refresh_counts<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
            bodies: &[&str],
        ) -> Result<(), StoreError> {
            // Two writers to one team must count one after the other: under PostgreSQL's
            // read committed, the second then sees the first's record once it commits.
            // (SQLite writers are serialised already by BEGIN IMMEDIATE.)
            sqlx::query("UPDATE teams SET id = id WHERE id = $1")
                .bind(team_id)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
            let rules = rules_in(tx).await?;
            let mut months = BTreeSet::new();
            for b in bodies {
                months.insert(month_of(&decode_body(b)?, &rules));
            }
            let roster = roster_in(tx, team_id).await?;
            for m in months {
                let records = records_for_month(tx, team_id, m, &rules).await?;
                let a = count_records(m, &records, &roster, &rules);
                let commune_id = write_count(tx, team_id, m, &a).await?;
                refresh_commune_month(tx, commune_id, &m.key()).await?;
            }
            Ok(())
        }

        /// Deletes every count and counts every team's records again.
        async fn recount_all<'c>(tx: &mut sqlx::Transaction<'c, $db>) -> Result<u64, StoreError> {
            let rules = rules_in(tx).await?;
            sqlx::query("DELETE FROM team_month_counts").execute(&mut **tx).await.map_err(map_err)?;
            sqlx::query("DELETE FROM commune_month_counts").execute(&mut **tx).await.map_err(map_err)?;
            let teams: Vec<i64> = sqlx::query_scalar("SELECT DISTINCT team_id FROM records ORDER BY team_id")
                .fetch_all(&mut **tx)
                .await
                .map_err(map_err)?;
            let mut written = 0;
            for team_id in teams {
                let rows = sqlx::query_as::<_, CountedBodyRow>(&format!(
                    "SELECT r.body, {BY_POLICE} FROM records r WHERE r.team_id = $1 AND r.deleted_at IS NULL"
                ))
                .bind(team_id)
                .fetch_all(&mut **tx)
                .await
                .map_err(map_err)?;
                let mut by_month: BTreeMap<YearMonth, Vec<(RecordBody, bool)>> = BTreeMap::new();
                for row in rows {
                    let (body, by_police) = <(RecordBody, bool)>::try_from(row)?;
                    by_month.entry(month_of(&body, &rules)).or_default().push((body, by_police));
                }
                let roster = roster_in(tx, team_id).await?;
                // The commune sums are added up once, at the end.
                for (m, records) in &by_month {
                    let a = count_records(*m, records, &roster, &rules);
                    if !a.is_zero() {
                        write_count(tx, team_id, *m, &a).await?;
                        written += 1;
                    }
                }
            }
            sqlx::query(&commune_sums_sql(""))
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
            Ok(written)
        }

        /// `(commune, month)` of the team's counted months from `from` on.
        async fn team_months_from<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
            from: &str,
        ) -> Result<Vec<(i64, String)>, StoreError> {
            sqlx::query_as("SELECT commune_id, month FROM team_month_counts WHERE team_id = $1 AND month >= $2")
                .bind(team_id)
                .bind(from)
                .fetch_all(&mut **tx)
                .await
                .map_err(map_err)
        }

        /// The team sits in `commune_id` from report month `from` on: its placement is
        /// noted, and its counts from that month on add up in that commune.
        async fn place_team<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
            commune_id: i64,
            from: YearMonth,
        ) -> Result<(), StoreError> {
            sqlx::query(
                "INSERT INTO team_placements (team_id, commune_id, from_month) VALUES ($1, $2, $3) \
                 ON CONFLICT (team_id, from_month) DO UPDATE SET commune_id = excluded.commune_id",
            )
            .bind(team_id)
            .bind(commune_id)
            .bind(from.key())
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
            sqlx::query(
                "UPDATE teams SET commune_id = (SELECT p.commune_id FROM team_placements p \
                   WHERE p.team_id = $1 ORDER BY p.from_month DESC LIMIT 1) WHERE id = $1",
            )
            .bind(team_id)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
            let before = team_months_from(tx, team_id, &from.key()).await?;
            sqlx::query(
                "UPDATE team_month_counts SET commune_id = (SELECT p.commune_id FROM team_placements p \
                   WHERE p.team_id = team_month_counts.team_id AND p.from_month <= team_month_counts.month \
                   ORDER BY p.from_month DESC LIMIT 1) \
                 WHERE team_id = $1 AND month >= $2",
            )
            .bind(team_id)
            .bind(from.key())
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
            let mut touched: BTreeSet<(i64, String)> = before.into_iter().collect();
            touched.extend(team_months_from(tx, team_id, &from.key()).await?);
            for (commune, month) in touched {
                refresh_commune_month(tx, commune, &month).await?;
            }
            Ok(())
        }
    };
}
