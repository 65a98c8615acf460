//! The indicator store's SQL, for both backends like `sql.rs`: the counting settings,
//! reading the counts `counting_sql.rs` keeps for tables and drill-downs, where teams
//! sat over time, and campaigns.

macro_rules! impl_indicator_store {
    ($store:ty, $db:ty) => {
        use app::domain::indicators::{Campaign, Indicator, MonthRange, Phase, Target};
        use app::services::store::indicators::*;
        use chrono::NaiveDate;
        use std::collections::HashMap;

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
                let rows = sqlx::query_as::<_, StoredCountRow>(&format!(
                    "SELECT team_id, month, {} FROM team_month_counts ORDER BY team_id, month",
                    count_columns()
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(rows.into_iter().map(StoredCount::from).collect())
            }

            async fn move_team(&self, team_id: i64, commune_id: i64, from: YearMonth) -> Result<(), StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                place_team(&mut tx, team_id, commune_id, from).await?;
                tx.commit().await.map_err(map_err)
            }

            async fn units_under(&self, unit_id: i64) -> Result<Vec<OrgUnit>, StoreError> {
                let rows = sqlx::query_as::<_, UnitRow>(&format!(
                    "{DOWN} SELECT u.id, u.parent_id, u.kind, u.name, u.code, u.valid_from, u.valid_to, u.remote \
                     FROM org_units u JOIN down ON down.id = u.id \
                     ORDER BY CASE WHEN u.id = $1 THEN 0 ELSE 1 END, u.name, u.id"
                ))
                .bind(unit_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.into_iter().map(OrgUnit::try_from).collect()
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
                let teams = sqlx::query_as::<_, PlacedTeamRow>(&format!(
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
                let moves = sqlx::query_as::<_, PlacementRow>(&format!(
                    "{DOWN} SELECT team_id, commune_id, from_month FROM team_placements \
                     WHERE team_id IN ({placed}) AND team_id IN \
                       (SELECT team_id FROM team_placements GROUP BY team_id HAVING COUNT(*) > 1) \
                     ORDER BY team_id, from_month"
                ))
                .bind(unit_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                let changing = sqlx::query_as::<_, TeamMembershipRow>(&format!(
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
                    by_team.entry(r.team_id).or_default().0.push(r.placement()?);
                }
                for r in changing {
                    by_team.entry(r.team_id).or_default().1.push(r.membership());
                }
                Ok(teams
                    .into_iter()
                    .map(|r| {
                        let (mut placements, roster) = by_team.remove(&r.team.id).unwrap_or_default();
                        if placements.is_empty() {
                            // Never moved: one placement, the commune it is in.
                            placements.push((YearMonth { year: 1, month: 1 }, r.commune_id));
                        }
                        r.team.placed(placements, r.steady, roster)
                    })
                    .collect())
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
                let rows = sqlx::query_as::<_, TeamCountsRow>(&format!(
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
                Ok(rows.into_iter().map(TeamCounts::from).collect())
            }

            async fn commune_counts_under(&self, unit_id: i64, months: MonthRange) -> Result<Vec<CommuneCounts>, StoreError> {
                let sums: Vec<String> = Activity::COLUMNS
                    .iter()
                    .map(|c| format!("CAST(SUM({c}) AS BIGINT) AS {c}"))
                    .collect();
                let rows = sqlx::query_as::<_, CommuneCountsRow>(&format!(
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
                Ok(rows
                    .into_iter()
                    .map(|r| {
                        let mut c = CommuneCounts::from(r);
                        c.activity.model_month = models.get(&c.commune_id).copied().unwrap_or(0);
                        c
                    })
                    .collect())
            }

            async fn stored_commune_counts(&self) -> Result<Vec<StoredCount>, StoreError> {
                let rows = sqlx::query_as::<_, StoredCountRow>(&format!(
                    "SELECT commune_id AS team_id, month, {} FROM commune_month_counts ORDER BY commune_id, month",
                    count_columns()
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(rows.into_iter().map(StoredCount::from).collect())
            }

            async fn team_counts(&self, team_id: i64, months: MonthRange) -> Result<Vec<StoredCount>, StoreError> {
                let rows = sqlx::query_as::<_, StoredCountRow>(&format!(
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
                Ok(rows.into_iter().map(StoredCount::from).collect())
            }

            async fn police_authors(&self, team_id: i64) -> Result<Vec<i64>, StoreError> {
                let sql = format!(
                    "SELECT DISTINCT r.author_id, {BY_POLICE} FROM records r WHERE r.team_id = $1"
                );
                let rows = sqlx::query_as::<_, AuthorRow>(&sql)
                    .bind(team_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(map_err)?;
                Ok(rows.into_iter().filter(|r| r.by_police).map(|r| r.author_id).collect())
            }

            async fn placed_team(&self, team_id: i64) -> Result<Option<PlacedTeam>, StoreError> {
                let Some(team) = sqlx::query_as::<_, TeamSpanRow>(
                    "SELECT id, name, operating_since, dissolved_on FROM teams WHERE id = $1",
                )
                .bind(team_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?
                else {
                    return Ok(None);
                };
                let placements = sqlx::query_as::<_, PlacementRow>(
                    "SELECT team_id, commune_id, from_month FROM team_placements WHERE team_id = $1 ORDER BY from_month",
                )
                .bind(team_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?
                .iter()
                .map(PlacementRow::placement)
                .collect::<Result<Vec<_>, StoreError>>()?;
                let roster = sqlx::query_as::<_, MembershipRow>("SELECT id, joined_on, left_on FROM members WHERE team_id = $1")
                    .bind(team_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(map_err)?
                    .into_iter()
                    .map(Membership::from)
                    .collect();
                Ok(Some(team.placed(placements, 0, roster)))
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
                let mut q = sqlx::query_as::<_, PoliceRecordRow>(&sql).bind(from).bind(to).bind(limit);
                for t in team_ids {
                    q = q.bind(*t);
                }
                for k in kinds {
                    q = q.bind(*k);
                }
                let rows = q.fetch_all(&self.pool).await.map_err(map_err)?;
                Ok(rows.into_iter().map(<(RecordRow, bool)>::from).collect())
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
                let campaigns = sqlx::query_as::<_, CampaignRow>(
                    "SELECT id, name, theme, issued_by, scope_unit_id, starts_on, ends_on FROM campaigns \
                     ORDER BY starts_on DESC, id DESC",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                let phases: Vec<(i64, Phase)> = sqlx::query_as::<_, PhaseRow>(
                    "SELECT campaign_id, name, starts_on, ends_on FROM campaign_phases ORDER BY campaign_id, position",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?
                .into_iter()
                .map(<(i64, Phase)>::from)
                .collect();
                let targets = sqlx::query_as::<_, TargetRow>(
                    "SELECT campaign_id, indicator, comparison, threshold FROM campaign_targets ORDER BY campaign_id, indicator",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?
                .into_iter()
                .map(<(i64, Indicator, Target)>::try_from)
                .collect::<Result<Vec<_>, StoreError>>()?;
                let mut out = Vec::with_capacity(campaigns.len());
                for row in campaigns {
                    let (id, mut c) = <(i64, Campaign)>::from(row);
                    c.phases = phases.iter().filter(|(of, _)| *of == id).map(|(_, p)| p.clone()).collect();
                    c.targets = targets.iter().filter(|(of, ..)| *of == id).map(|(_, i, t)| (*i, *t)).collect();
                    c.targets.sort_by_key(|(i, _)| Indicator::ALL.iter().position(|x| x == i));
                    out.push((id, c));
                }
                Ok(out)
            }
        }
    };
}
