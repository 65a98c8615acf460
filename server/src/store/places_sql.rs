//! The SQL of places restructured (mergers and splits), for both backends like
//! `roster_sql.rs`, whose helpers it uses: expanded after `impl_roster_store!` in the
//! same module.

macro_rules! impl_place_store {
    ($store:ty, $db:ty) => {
        use app::services::store::places::*;

        #[async_trait]
        impl PlaceStore for $store {
            async fn merge_units(&self, m: &Merger, by: ChangedBy) -> Result<Merged, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let mut closing_names = Vec::with_capacity(m.closing.len());
                for id in &m.closing {
                    let name: String = sqlx::query_scalar("SELECT name FROM org_units WHERE id = $1")
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    closing_names.push(name);
                }
                let into_id = match &m.into {
                    MergeInto::Existing(id) => *id,
                    MergeInto::New(name) => {
                        let new = NewOrgUnit {
                            parent_id: Some(m.parent_id),
                            kind: m.kind,
                            name: name.clone(),
                            code: None,
                            valid_from: m.from,
                            valid_to: None,
                        };
                        let id = insert_unit(&mut *tx, &new).await?;
                        note_unit(&mut tx, id, ChangeAction::Created, None, by).await?;
                        id
                    }
                };
                let into_name: String = sqlx::query_scalar("SELECT name FROM org_units WHERE id = $1")
                    .bind(into_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(map_err)?;
                let merged_into = Some(("merged_into", into_name.as_str()));
                let last_day = m.from.pred_opt().unwrap_or(m.from);
                let (mut places_moved, mut teams_moved) = (0, 0);
                for &id in &m.closing {
                    sqlx::query("UPDATE org_units SET valid_to = $1 WHERE id = $2")
                        .bind(last_day)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    note_unit(&mut tx, id, ChangeAction::Merged, merged_into, by).await?;
                    if m.kind == app::domain::OrgUnitKind::Village {
                        // The teams covering the village cover the merged one, and members
                        // answering for it answer for the merged one.
                        let teams: Vec<i64> = sqlx::query_scalar("SELECT team_id FROM team_villages WHERE village_id = $1")
                            .bind(id)
                            .fetch_all(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        sqlx::query(
                            "INSERT INTO team_villages (team_id, village_id) \
                             SELECT team_id, $1 FROM team_villages WHERE village_id = $2 ON CONFLICT DO NOTHING",
                        )
                        .bind(into_id)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                        sqlx::query("DELETE FROM team_villages WHERE village_id = $1")
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        for team in &teams {
                            note_team(&mut tx, *team, ChangeAction::Merged, by).await?;
                        }
                        teams_moved += teams.len();
                        let members: Vec<i64> = sqlx::query_scalar("UPDATE members SET area_id = $1 WHERE area_id = $2 RETURNING id")
                            .bind(into_id)
                            .bind(id)
                            .fetch_all(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        for member in members {
                            note_member(&mut tx, member, ChangeAction::Merged, by).await?;
                        }
                    } else {
                        // The places still open on the day move under the merged commune;
                        // those closed before stay with the commune they belonged to.
                        let places: Vec<i64> = sqlx::query_scalar(
                            "UPDATE org_units SET parent_id = $1 \
                             WHERE parent_id = $2 AND (valid_to IS NULL OR valid_to >= $3) RETURNING id",
                        )
                        .bind(into_id)
                        .bind(id)
                        .bind(m.from)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(map_err)?;
                        for place in &places {
                            note_unit(&mut tx, *place, ChangeAction::Merged, merged_into, by).await?;
                        }
                        places_moved += places.len();
                        let teams: Vec<i64> = sqlx::query_scalar(
                            "SELECT id FROM teams WHERE commune_id = $1 AND (dissolved_on IS NULL OR dissolved_on >= $2) ORDER BY id",
                        )
                        .bind(id)
                        .bind(m.from)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(map_err)?;
                        for team in &teams {
                            place_team(&mut tx, *team, into_id, m.from_month).await?;
                        }
                        teams_moved += teams.len();
                        // The police of a merged commune are the merged commune's police;
                        // their old role stays, so they still read its months.
                        sqlx::query(
                            "INSERT INTO role_grants (user_id, role, org_unit_id) \
                             SELECT user_id, role, $1 FROM role_grants WHERE org_unit_id = $2 ON CONFLICT DO NOTHING",
                        )
                        .bind(into_id)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    }
                }
                let merged_from = closing_names.join(", ");
                let into = note_unit(&mut tx, into_id, ChangeAction::Merged, Some(("merged_from", &merged_from)), by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(Merged {
                    into,
                    places_moved,
                    teams_moved,
                })
            }

            async fn split_unit(&self, sp: &Split, by: ChangedBy) -> Result<Vec<OrgUnit>, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let old_name: String = sqlx::query_scalar("SELECT name FROM org_units WHERE id = $1")
                    .bind(sp.unit_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(map_err)?;
                let kind_text: String = sqlx::query_scalar("SELECT kind FROM org_units WHERE id = $1")
                    .bind(sp.unit_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(map_err)?;
                let kind = app::domain::OrgUnitKind::parse(&kind_text)
                    .ok_or_else(|| StoreError::Corrupt(format!("unknown kind {kind_text:?}")))?;
                let mut new_ids = Vec::with_capacity(sp.names.len());
                for name in &sp.names {
                    let new = NewOrgUnit {
                        parent_id: Some(sp.parent_id),
                        kind,
                        name: name.clone(),
                        code: None,
                        valid_from: sp.from,
                        valid_to: None,
                    };
                    let id = insert_unit(&mut *tx, &new).await?;
                    new_ids.push(id);
                }
                sqlx::query("UPDATE org_units SET valid_to = $1 WHERE id = $2")
                    .bind(sp.from.pred_opt().unwrap_or(sp.from))
                    .bind(sp.unit_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                let split_into = sp.names.join(", ");
                note_unit(&mut tx, sp.unit_id, ChangeAction::Split, Some(("split_into", &split_into)), by).await?;
                let mut units = Vec::with_capacity(new_ids.len());
                for id in &new_ids {
                    units.push(note_unit(&mut tx, *id, ChangeAction::Created, Some(("split_from", &old_name)), by).await?);
                }
                // The teams covering the village cover every part of it; its members
                // answer for the first part until their page says otherwise.
                let teams: Vec<i64> = sqlx::query_scalar("SELECT team_id FROM team_villages WHERE village_id = $1")
                    .bind(sp.unit_id)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(map_err)?;
                for team in &teams {
                    for id in &new_ids {
                        sqlx::query("INSERT INTO team_villages (team_id, village_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                            .bind(team)
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                }
                sqlx::query("DELETE FROM team_villages WHERE village_id = $1")
                    .bind(sp.unit_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                for team in &teams {
                    note_team(&mut tx, *team, ChangeAction::Split, by).await?;
                }
                let members: Vec<i64> = sqlx::query_scalar("UPDATE members SET area_id = $1 WHERE area_id = $2 RETURNING id")
                    .bind(new_ids[0])
                    .bind(sp.unit_id)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(map_err)?;
                for member in members {
                    note_member(&mut tx, member, ChangeAction::Split, by).await?;
                }
                tx.commit().await.map_err(map_err)?;
                Ok(units)
            }
        }
    };
}
