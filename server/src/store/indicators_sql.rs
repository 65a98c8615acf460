//! The indicator store's SQL, for both backends like `sql.rs`. The counts of a
//! team-month are refreshed inside the transaction of every record write
//! (`refresh_counts`), so they can never disagree with the records they count.

macro_rules! impl_indicator_store {
    ($store:ty, $db:ty) => {
        use app::domain::indicators::measures::{count_month, month_of};
        use app::domain::indicators::period::previous;
        use app::domain::indicators::{
            Activity, Campaign, Comparison, Counted, CountingRules, Indicator, Membership,
            MonthRange, Phase, ReportCalendar, Target, TeamSpan,
        };
        use app::domain::local_time::YearMonth;
        use app::domain::records::RecordBody;
        use app::services::indicator_store::*;
        use chrono::NaiveDate;
        use std::collections::{BTreeMap, BTreeSet, HashMap};


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

        fn activity_from_row(r: &<$db as sqlx::Database>::Row) -> Result<Activity, StoreError> {
            let mut v = [0i64; 17];
            for (slot, column) in v.iter_mut().zip(Activity::COLUMNS) {
                *slot = r.try_get(column).map_err(map_err)?;
            }
            Ok(Activity::from_values(v))
        }

        fn parse_body(body: &str) -> Result<RecordBody, StoreError> {
            serde_json::from_str(body).map_err(|e| StoreError::Corrupt(format!("record body: {e}")))
        }

        fn month_key(s: &str) -> Result<YearMonth, StoreError> {
            YearMonth::parse_key(s).ok_or_else(|| corrupt("month", s))
        }

        async fn rules_in<'c>(tx: &mut sqlx::Transaction<'c, $db>) -> Result<CountingRules, StoreError> {
            let r = sqlx::query("SELECT report_start_day, in_time_minutes FROM indicator_settings WHERE id = 1")
                .fetch_one(&mut **tx)
                .await
                .map_err(map_err)?;
            rules_from(r.try_get("report_start_day").map_err(map_err)?, r.try_get("in_time_minutes").map_err(map_err)?)
        }

        fn rules_from(day: i32, minutes: i32) -> Result<CountingRules, StoreError> {
            Ok(CountingRules {
                calendar: ReportCalendar::starting_on(day as u32)
                    .ok_or_else(|| corrupt("report start day", &day.to_string()))?,
                in_time_minutes: i64::from(minutes),
            })
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
            let rows = sqlx::query(&format!(
                "SELECT r.body, {BY_POLICE} \
                 FROM records r WHERE r.team_id = $1 AND r.deleted_at IS NULL AND r.month IN ($2, $3)"
            ))
            .bind(team_id)
            .bind(earlier.key())
            .bind(m.key())
            .fetch_all(&mut **tx)
            .await
            .map_err(map_err)?;
            rows.iter()
                .map(|r| {
                    let body: String = r.try_get("body").map_err(map_err)?;
                    Ok((parse_body(&body)?, r.try_get("by_police").map_err(map_err)?))
                })
                .collect()
        }

        async fn roster_in<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
        ) -> Result<Vec<Membership>, StoreError> {
            let rows = sqlx::query("SELECT id, joined_on, left_on FROM members WHERE team_id = $1")
                .bind(team_id)
                .fetch_all(&mut **tx)
                .await
                .map_err(map_err)?;
            rows.iter().map(membership_from_row).collect()
        }

        fn membership_from_row(r: &<$db as sqlx::Database>::Row) -> Result<Membership, StoreError> {
            Ok(Membership {
                member_id: r.try_get("id").map_err(map_err)?,
                joined_on: r.try_get("joined_on").map_err(map_err)?,
                left_on: r.try_get("left_on").map_err(map_err)?,
            })
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
                months.insert(month_of(&parse_body(b)?, &rules));
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
                let rows = sqlx::query(&format!(
                    "SELECT r.body, {BY_POLICE} FROM records r WHERE r.team_id = $1 AND r.deleted_at IS NULL"
                ))
                .bind(team_id)
                .fetch_all(&mut **tx)
                .await
                .map_err(map_err)?;
                let mut by_month: BTreeMap<YearMonth, Vec<(RecordBody, bool)>> = BTreeMap::new();
                for r in &rows {
                    let body: String = r.try_get("body").map_err(map_err)?;
                    let body = parse_body(&body)?;
                    let by_police: bool = r.try_get("by_police").map_err(map_err)?;
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

        fn stored_count_from_row(r: &<$db as sqlx::Database>::Row) -> Result<StoredCount, StoreError> {
            Ok(StoredCount {
                team_id: r.try_get("team_id").map_err(map_err)?,
                month: r.try_get("month").map_err(map_err)?,
                activity: activity_from_row(r)?,
            })
        }

        /// The unit and the non-village units under it.
        const DOWN: &str = "WITH RECURSIVE down(id) AS ( \
                SELECT id FROM org_units WHERE id = $1 \
                UNION ALL \
                SELECT o.id FROM org_units o JOIN down ON o.parent_id = down.id WHERE o.kind <> 'village' \
             )";

        #[async_trait]
        impl IndicatorStore for $store {
            async fn counting_rules(&self) -> Result<CountingRules, StoreError> {
                let mut tx = self.pool.begin().await.map_err(map_err)?;
                let rules = rules_in(&mut tx).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(rules)
            }

            async fn set_counting_rules(&self, rules: &CountingRules) -> Result<u64, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                sqlx::query("UPDATE indicator_settings SET report_start_day = $1, in_time_minutes = $2 WHERE id = 1")
                    .bind(rules.calendar.start_day() as i32)
                    .bind(rules.in_time_minutes as i32)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                let n = recount_all(&mut tx).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(n)
            }

            async fn recompute_counts(&self) -> Result<u64, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let n = recount_all(&mut tx).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(n)
            }

            async fn stored_counts(&self) -> Result<Vec<StoredCount>, StoreError> {
                let rows = sqlx::query(&format!(
                    "SELECT team_id, month, {} FROM team_month_counts ORDER BY team_id, month",
                    count_columns()
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.iter().map(stored_count_from_row).collect()
            }

            async fn move_team(&self, team_id: i64, commune_id: i64, from: YearMonth) -> Result<(), StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                sqlx::query(
                    "INSERT INTO team_placements (team_id, commune_id, from_month) VALUES ($1, $2, $3) \
                     ON CONFLICT (team_id, from_month) DO UPDATE SET commune_id = excluded.commune_id",
                )
                .bind(team_id)
                .bind(commune_id)
                .bind(from.key())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                sqlx::query(
                    "UPDATE teams SET commune_id = (SELECT p.commune_id FROM team_placements p \
                       WHERE p.team_id = $1 ORDER BY p.from_month DESC LIMIT 1) WHERE id = $1",
                )
                .bind(team_id)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                // The team's counts from that month on now add up in another commune.
                let before = team_months_from(&mut tx, team_id, &from.key()).await?;
                sqlx::query(
                    "UPDATE team_month_counts SET commune_id = (SELECT p.commune_id FROM team_placements p \
                       WHERE p.team_id = team_month_counts.team_id AND p.from_month <= team_month_counts.month \
                       ORDER BY p.from_month DESC LIMIT 1) \
                     WHERE team_id = $1 AND month >= $2",
                )
                .bind(team_id)
                .bind(from.key())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                let mut touched: BTreeSet<(i64, String)> = before.into_iter().collect();
                touched.extend(team_months_from(&mut tx, team_id, &from.key()).await?);
                for (commune, month) in touched {
                    refresh_commune_month(&mut tx, commune, &month).await?;
                }
                tx.commit().await.map_err(map_err)
            }

            async fn units_under(&self, unit_id: i64) -> Result<Vec<OrgUnit>, StoreError> {
                let rows = sqlx::query(&format!(
                    "{DOWN} SELECT u.id, u.parent_id, u.kind, u.name, u.code, u.valid_from, u.valid_to \
                     FROM org_units u JOIN down ON down.id = u.id \
                     ORDER BY CASE WHEN u.id = $1 THEN 0 ELSE 1 END, u.name, u.id"
                ))
                .bind(unit_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.iter().map(unit_from_row).collect()
            }

            async fn teams_placed_under(
                &self,
                unit_id: i64,
                from: NaiveDate,
                to: NaiveDate,
            ) -> Result<Vec<PlacedTeam>, StoreError> {
                // Few rows cross the wire, for a province of thousands of members: a team's
                // commune when it never moved, a count of the members there all along, and
                // only the members who joined or left within the span.
                let placed = "SELECT p.team_id FROM team_placements p WHERE p.commune_id IN (SELECT id FROM down)";
                let teams = sqlx::query(&format!(
                    "{DOWN} SELECT t.id, t.name, t.operating_since, t.dissolved_on, t.commune_id, \
                       (SELECT COUNT(*) FROM team_placements q WHERE q.team_id = t.id) AS placements, \
                       (SELECT COUNT(*) FROM members m WHERE m.team_id = t.id AND m.joined_on <= $2 \
                          AND (m.left_on IS NULL OR m.left_on >= $3)) AS steady \
                     FROM teams t WHERE t.id IN ({placed}) ORDER BY t.name, t.id"
                ))
                .bind(unit_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                let moves = sqlx::query(&format!(
                    "{DOWN} SELECT team_id, commune_id, from_month FROM team_placements \
                     WHERE team_id IN ({placed}) AND team_id IN \
                       (SELECT team_id FROM team_placements GROUP BY team_id HAVING COUNT(*) > 1) \
                     ORDER BY team_id, from_month"
                ))
                .bind(unit_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                let changing = sqlx::query(&format!(
                    "{DOWN} SELECT team_id, id, joined_on, left_on FROM members WHERE team_id IN ({placed}) \
                     AND joined_on <= $3 AND (left_on IS NULL OR left_on >= $2) \
                     AND NOT (joined_on <= $2 AND (left_on IS NULL OR left_on >= $3))"
                ))
                .bind(unit_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                let mut by_team: HashMap<i64, (Vec<(YearMonth, i64)>, Vec<Membership>)> = HashMap::new();
                for r in &moves {
                    let month: String = r.try_get("from_month").map_err(map_err)?;
                    by_team
                        .entry(r.try_get("team_id").map_err(map_err)?)
                        .or_default()
                        .0
                        .push((month_key(&month)?, r.try_get("commune_id").map_err(map_err)?));
                }
                for r in &changing {
                    by_team
                        .entry(r.try_get("team_id").map_err(map_err)?)
                        .or_default()
                        .1
                        .push(membership_from_row(r)?);
                }
                teams
                    .iter()
                    .map(|r| {
                        let team_id: i64 = r.try_get("id").map_err(map_err)?;
                        let (mut placements, roster) = by_team.remove(&team_id).unwrap_or_default();
                        if placements.is_empty() {
                            // Never moved: one placement, the commune it is in.
                            placements.push((YearMonth { year: 1, month: 1 }, r.try_get("commune_id").map_err(map_err)?));
                        }
                        Ok(PlacedTeam {
                            team_id,
                            name: r.try_get("name").map_err(map_err)?,
                            span: TeamSpan {
                                operating_since: r.try_get("operating_since").map_err(map_err)?,
                                dissolved_on: r.try_get("dissolved_on").map_err(map_err)?,
                            },
                            placements,
                            steady_members: r.try_get("steady").map_err(map_err)?,
                            roster,
                        })
                    })
                    .collect()
            }

            async fn counts_under(&self, unit_id: i64, months: MonthRange) -> Result<Vec<TeamCounts>, StoreError> {
                let sums: Vec<String> = Activity::COLUMNS
                    .iter()
                    .map(|c| {
                        // A model kept over several months is one team with a model.
                        let f = if *c == "model_month" { "MAX" } else { "SUM" };
                        format!("CAST({f}({c}) AS BIGINT) AS {c}")
                    })
                    .collect();
                let rows = sqlx::query(&format!(
                    "{DOWN} SELECT team_id, commune_id, {} FROM team_month_counts \
                     WHERE commune_id IN (SELECT id FROM down) AND month >= $2 AND month <= $3 \
                     GROUP BY team_id, commune_id",
                    sums.join(", ")
                ))
                .bind(unit_id)
                .bind(months.first.key())
                .bind(months.last.key())
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.iter()
                    .map(|r| {
                        Ok(TeamCounts {
                            team_id: r.try_get("team_id").map_err(map_err)?,
                            commune_id: r.try_get("commune_id").map_err(map_err)?,
                            activity: activity_from_row(r)?,
                        })
                    })
                    .collect()
            }

            async fn commune_counts_under(&self, unit_id: i64, months: MonthRange) -> Result<Vec<CommuneCounts>, StoreError> {
                let sums: Vec<String> = Activity::COLUMNS
                    .iter()
                    .map(|c| format!("CAST(SUM({c}) AS BIGINT) AS {c}"))
                    .collect();
                let rows = sqlx::query(&format!(
                    "{DOWN} SELECT commune_id, {} FROM commune_month_counts \
                     WHERE commune_id IN (SELECT id FROM down) AND month >= $2 AND month <= $3 \
                     GROUP BY commune_id",
                    sums.join(", ")
                ))
                .bind(unit_id)
                .bind(months.first.key())
                .bind(months.last.key())
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                // Teams with a model in any of the months, counted once each.
                let models: Vec<(i64, i64)> = sqlx::query_as(&format!(
                    "{DOWN} SELECT commune_id, CAST(COUNT(DISTINCT team_id) AS BIGINT) FROM team_month_counts \
                     WHERE model_month = 1 AND month >= $2 AND month <= $3 \
                     AND commune_id IN (SELECT id FROM down) GROUP BY commune_id"
                ))
                .bind(unit_id)
                .bind(months.first.key())
                .bind(months.last.key())
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                let models: HashMap<i64, i64> = models.into_iter().collect();
                rows.iter()
                    .map(|r| {
                        let commune_id: i64 = r.try_get("commune_id").map_err(map_err)?;
                        let mut activity = activity_from_row(r)?;
                        activity.model_month = models.get(&commune_id).copied().unwrap_or(0);
                        Ok(CommuneCounts { commune_id, activity })
                    })
                    .collect()
            }

            async fn stored_commune_counts(&self) -> Result<Vec<StoredCount>, StoreError> {
                let rows = sqlx::query(&format!(
                    "SELECT commune_id AS team_id, month, {} FROM commune_month_counts ORDER BY commune_id, month",
                    count_columns()
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.iter().map(stored_count_from_row).collect()
            }

            async fn team_counts(&self, team_id: i64, months: MonthRange) -> Result<Vec<StoredCount>, StoreError> {
                let rows = sqlx::query(&format!(
                    "SELECT team_id, month, {} FROM team_month_counts \
                     WHERE team_id = $1 AND month >= $2 AND month <= $3 ORDER BY month",
                    count_columns()
                ))
                .bind(team_id)
                .bind(months.first.key())
                .bind(months.last.key())
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.iter().map(stored_count_from_row).collect()
            }

            async fn police_authors(&self, team_id: i64) -> Result<Vec<i64>, StoreError> {
                let sql = format!(
                    "SELECT DISTINCT r.author_id, {BY_POLICE} FROM records r WHERE r.team_id = $1"
                );
                let rows = sqlx::query(&sql)
                    .bind(team_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(map_err)?;
                let mut police = Vec::new();
                for r in rows {
                    if r.try_get::<bool, _>("by_police").map_err(map_err)? {
                        police.push(r.try_get("author_id").map_err(map_err)?);
                    }
                }
                Ok(police)
            }

            async fn placed_team(&self, team_id: i64) -> Result<Option<PlacedTeam>, StoreError> {
                let Some(t) = sqlx::query("SELECT id, name, operating_since, dissolved_on FROM teams WHERE id = $1")
                    .bind(team_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(map_err)?
                else {
                    return Ok(None);
                };
                let placements = sqlx::query(
                    "SELECT commune_id, from_month FROM team_placements WHERE team_id = $1 ORDER BY from_month",
                )
                .bind(team_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?
                .iter()
                .map(|r| {
                    let from: String = r.try_get("from_month").map_err(map_err)?;
                    Ok((month_key(&from)?, r.try_get("commune_id").map_err(map_err)?))
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
                let roster = sqlx::query("SELECT id, joined_on, left_on FROM members WHERE team_id = $1")
                    .bind(team_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(map_err)?
                    .iter()
                    .map(membership_from_row)
                    .collect::<Result<Vec<_>, StoreError>>()?;
                Ok(Some(PlacedTeam {
                    team_id,
                    name: t.try_get("name").map_err(map_err)?,
                    span: TeamSpan {
                        operating_since: t.try_get("operating_since").map_err(map_err)?,
                        dissolved_on: t.try_get("dissolved_on").map_err(map_err)?,
                    },
                    placements,
                    steady_members: 0,
                    roster,
                }))
            }

            async fn records_of_teams(
                &self,
                team_ids: &[i64],
                from: &str,
                to: &str,
                kinds: &[&str],
                limit: i64,
            ) -> Result<Vec<(RecordRow, bool)>, StoreError> {
                if team_ids.is_empty() || kinds.is_empty() {
                    return Ok(vec![]);
                }
                let teams: Vec<String> = (0..team_ids.len()).map(|i| format!("${}", i + 4)).collect();
                let kind_params: Vec<String> =
                    (0..kinds.len()).map(|i| format!("${}", i + 4 + team_ids.len())).collect();
                let columns: Vec<String> = RECORD_COLUMNS.split(", ").map(|c| format!("r.{c}")).collect();
                let sql = format!(
                    "SELECT {}, {BY_POLICE} \
                     FROM records r WHERE r.deleted_at IS NULL AND r.month >= $1 AND r.month <= $2 \
                     AND r.team_id IN ({}) AND r.kind IN ({}) ORDER BY r.occurred_at, r.id LIMIT $3",
                    columns.join(", "),
                    teams.join(", "),
                    kind_params.join(", ")
                );
                let mut q = sqlx::query(&sql).bind(from).bind(to).bind(limit);
                for t in team_ids {
                    q = q.bind(*t);
                }
                for k in kinds {
                    q = q.bind(*k);
                }
                let rows = q.fetch_all(&self.pool).await.map_err(map_err)?;
                rows.iter()
                    .map(|r| Ok((record_from_row(r)?, r.try_get("by_police").map_err(map_err)?)))
                    .collect()
            }

            async fn insert_campaign(&self, c: &Campaign) -> Result<i64, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO campaigns (name, theme, issued_by, scope_unit_id, starts_on, ends_on) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(&c.name)
                .bind(&c.theme)
                .bind(&c.issued_by)
                .bind(c.scope_unit_id)
                .bind(c.starts_on)
                .bind(c.ends_on)
                .fetch_one(&mut *tx)
                .await
                .map_err(map_err)?;
                for (position, p) in c.phases.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO campaign_phases (campaign_id, position, name, starts_on, ends_on) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(id)
                    .bind(position as i32)
                    .bind(&p.name)
                    .bind(p.starts_on)
                    .bind(p.ends_on)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                }
                for (indicator, t) in &c.targets {
                    sqlx::query(
                        "INSERT INTO campaign_targets (campaign_id, indicator, comparison, threshold) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(id)
                    .bind(indicator.code())
                    .bind(t.comparison.code())
                    .bind(t.threshold)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                }
                tx.commit().await.map_err(map_err)?;
                Ok(id)
            }

            async fn campaigns(&self) -> Result<Vec<(i64, Campaign)>, StoreError> {
                let rows = sqlx::query(
                    "SELECT id, name, theme, issued_by, scope_unit_id, starts_on, ends_on FROM campaigns \
                     ORDER BY starts_on DESC, id DESC",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                let phases = sqlx::query(
                    "SELECT campaign_id, name, starts_on, ends_on FROM campaign_phases ORDER BY campaign_id, position",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                let targets = sqlx::query(
                    "SELECT campaign_id, indicator, comparison, threshold FROM campaign_targets ORDER BY campaign_id, indicator",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    let id: i64 = r.try_get("id").map_err(map_err)?;
                    let mut c = Campaign {
                        name: r.try_get("name").map_err(map_err)?,
                        theme: r.try_get("theme").map_err(map_err)?,
                        issued_by: r.try_get("issued_by").map_err(map_err)?,
                        scope_unit_id: r.try_get("scope_unit_id").map_err(map_err)?,
                        starts_on: r.try_get("starts_on").map_err(map_err)?,
                        ends_on: r.try_get("ends_on").map_err(map_err)?,
                        phases: vec![],
                        targets: vec![],
                    };
                    for p in &phases {
                        if r.try_get::<i64, _>("id").map_err(map_err)? == p.try_get::<i64, _>("campaign_id").map_err(map_err)? {
                            c.phases.push(Phase {
                                name: p.try_get("name").map_err(map_err)?,
                                starts_on: p.try_get("starts_on").map_err(map_err)?,
                                ends_on: p.try_get("ends_on").map_err(map_err)?,
                            });
                        }
                    }
                    for t in &targets {
                        if id == t.try_get::<i64, _>("campaign_id").map_err(map_err)? {
                            let code: String = t.try_get("indicator").map_err(map_err)?;
                            let comparison: String = t.try_get("comparison").map_err(map_err)?;
                            c.targets.push((
                                Indicator::parse(&code).ok_or_else(|| corrupt("indicator", &code))?,
                                Target {
                                    comparison: Comparison::parse(&comparison)
                                        .ok_or_else(|| corrupt("comparison", &comparison))?,
                                    threshold: t.try_get("threshold").map_err(map_err)?,
                                },
                            ));
                        }
                    }
                    c.targets.sort_by_key(|(i, _)| Indicator::ALL.iter().position(|x| x == i));
                    out.push((id, c));
                }
                Ok(out)
            }
        }
    };
}
