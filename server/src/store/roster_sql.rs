//! The roster store's SQL, for both backends like `sql.rs`: each write of the commune's
//! own data and its history entry commit together or not at all.
//!
//! The helpers at the top (`note_*`, `add_member_in`, `leave_member_in`,
//! `edit_member_in`, `give_first_password`) serve the police accounts (`police_sql.rs`)
//! and the mergers and splits of places (`places_sql.rs`) too, which are expanded after
//! this macro in the same module.

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

        /// Reads the unit back as the transaction left it and notes the change, with what
        /// the change did when it is a merger (`event`: "merged_into" and a name).
        async fn note_unit<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            id: i64,
            action: ChangeAction,
            event: Option<(&str, &str)>,
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
            let mut detail = unit_detail(&unit);
            if let Some((field, value)) = event {
                detail.insert(field.into(), value.into());
            }
            note_change(tx, Subject::Unit, id, action, &detail, by).await?;
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

        /// Reads the member back as the transaction left it and notes the change.
        async fn note_member<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            id: i64,
            action: ChangeAction,
            by: ChangedBy,
        ) -> Result<Member, StoreError> {
            let row = sqlx::query_as::<_, MemberRow>(&format!(
                "SELECT {MEMBER_COLUMNS} FROM members WHERE id = $1"
            ))
            .bind(id)
            .fetch_one(&mut **tx)
            .await
            .map_err(map_err)?;
            let member = Member::try_from(row)?;
            note_change(tx, Subject::Member, id, action, &member_detail(&member), by).await?;
            Ok(member)
        }

        async fn end_sessions<'c>(tx: &mut sqlx::Transaction<'c, $db>, user_id: i64) -> Result<(), StoreError> {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
            Ok(())
        }

        /// Gives an account a password it must change at the next sign-in and ends its
        /// sessions, inside the caller's transaction (a member's or an officer's reset).
        async fn give_first_password<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            user_id: i64,
            password_hash: &str,
        ) -> Result<(), StoreError> {
            sqlx::query("UPDATE users SET password_hash = $1, must_change_password = TRUE WHERE id = $2")
                .bind(password_hash)
                .bind(user_id)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
            end_sessions(tx, user_id).await
        }

        /// Adds a member (and their account when new) inside the caller's transaction.
        async fn add_member_in<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            team_id: i64,
            entry: &app::domain::roster::RosterEntry,
            joined_on: chrono::NaiveDate,
            account: &MemberAccount,
            by: ChangedBy,
        ) -> Result<Member, StoreError> {
            let user_id = match account {
                MemberAccount::None => None,
                MemberAccount::Existing(id) => Some(*id),
                MemberAccount::New { phone, password_hash } => Some(
                    sqlx::query_scalar::<_, i64>(
                        "INSERT INTO users (phone, full_name, password_hash, must_change_password) \
                         VALUES ($1, $2, $3, TRUE) RETURNING id",
                    )
                    .bind(phone)
                    .bind(entry.full_name.trim())
                    .bind(password_hash)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(map_err)?,
                ),
            };
            let id = insert_member_row(tx, team_id, user_id, entry, joined_on).await?;
            note_member(tx, id, ChangeAction::Created, by).await
        }

        /// Ends a current member's service inside the caller's transaction; `None` when
        /// there is no such current member.
        async fn leave_member_in<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            id: i64,
            l: &Leaving,
            end_all: bool,
            by: ChangedBy,
        ) -> Result<Option<Member>, StoreError> {
            let user_id: Option<Option<i64>> = sqlx::query_scalar(
                "UPDATE members SET left_on = $1, leave_reason = $2, leave_note = $3 \
                 WHERE id = $4 AND left_on IS NULL RETURNING user_id",
            )
            .bind(l.left_on)
            .bind(l.reason.as_str())
            .bind(&l.note)
            .bind(id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(map_err)?;
            let Some(user_id) = user_id else {
                return Ok(None);
            };
            if let Some(user_id) = user_id.filter(|_| end_all) {
                end_sessions(tx, user_id).await?;
            }
            note_member(tx, id, ChangeAction::Left, by).await.map(Some)
        }

        /// Changes a member's roster entry inside the caller's transaction; `None` when
        /// there is no such member.
        async fn edit_member_in<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            id: i64,
            e: &app::domain::roster::RosterEntry,
            with_account: bool,
            by: ChangedBy,
        ) -> Result<Option<Member>, StoreError> {
            let approval = e.age_approval.as_ref();
            let user_id: Option<Option<i64>> = sqlx::query_scalar(
                "UPDATE members SET full_name = $1, date_of_birth = $2, residence = $3, phone = $4, \
                    position = $5, origin = $6, party_member = $7, education = $8, appointed_on = $9, \
                    decision_no = $10, certificate_no = $11, badge_issued = $12, equipment = $13, \
                    training = $14, gender = $15, resident_since = $16, age_approved_by = $17, \
                    age_approval_no = $18, age_approved_on = $19, certificate_on = $20, area_id = $21 \
                 WHERE id = $22 RETURNING user_id",
            )
            .bind(&e.full_name)
            .bind(e.date_of_birth)
            .bind(&e.residence)
            .bind(&e.phone)
            .bind(e.position.as_str())
            .bind(e.origin.map(app::domain::roster::Origin::as_str))
            .bind(e.party_member)
            .bind(e.education.map(|x| x.as_str()).unwrap_or_default())
            .bind(e.appointed_on)
            .bind(&e.decision_no)
            .bind(&e.certificate_no)
            .bind(e.badge_issued)
            .bind(&e.equipment)
            .bind(&e.training)
            .bind(e.gender.map(|g| g.as_str()))
            .bind(e.resident_since)
            .bind(approval.map(|a| a.approved_by.as_str()))
            .bind(approval.map(|a| a.decision_no.as_str()))
            .bind(approval.map(|a| a.approved_on))
            .bind(e.certificate_on)
            .bind(e.area_id)
            .bind(id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(map_err)?;
            let Some(user_id) = user_id else {
                return Ok(None);
            };
            if let Some(user_id) = user_id.filter(|_| with_account) {
                // The account signs in with the roster's phone and shows its name.
                sqlx::query("UPDATE users SET full_name = $1, phone = COALESCE($2, phone) WHERE id = $3")
                    .bind(e.full_name.trim())
                    .bind(&e.phone)
                    .bind(user_id)
                    .execute(&mut **tx)
                    .await
                    .map_err(map_err)?;
            }
            note_member(tx, id, ChangeAction::Edited, by).await.map(Some)
        }

        #[async_trait]
        impl RosterStore for $store {
            async fn add_unit(&self, u: &NewOrgUnit, by: ChangedBy) -> Result<OrgUnit, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let id = insert_unit(&mut *tx, u).await?;
                let unit = note_unit(&mut tx, id, ChangeAction::Created, None, by).await?;
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
                    "UPDATE org_units SET name = $1, valid_from = $2, valid_to = $3, remote = $4 WHERE id = $5",
                )
                .bind(&e.name)
                .bind(e.valid_from)
                .bind(e.valid_to)
                .bind(e.remote)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                if done.rows_affected() == 0 {
                    return Ok(None);
                }
                let unit = note_unit(&mut tx, id, ChangeAction::Edited, None, by).await?;
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

            async fn add_member(
                &self,
                team_id: i64,
                entry: &app::domain::roster::RosterEntry,
                joined_on: chrono::NaiveDate,
                account: &MemberAccount,
                by: ChangedBy,
            ) -> Result<Member, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let member = add_member_in(&mut tx, team_id, entry, joined_on, account, by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(member)
            }

            async fn member(&self, id: i64) -> Result<Option<Member>, StoreError> {
                let row = sqlx::query_as::<_, MemberRow>(&format!(
                    "SELECT {MEMBER_COLUMNS} FROM members WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
                row.map(Member::try_from).transpose()
            }

            async fn edit_member(
                &self,
                id: i64,
                e: &app::domain::roster::RosterEntry,
                with_account: bool,
                by: ChangedBy,
            ) -> Result<Option<Member>, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let member = edit_member_in(&mut tx, id, e, with_account, by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(member)
            }

            async fn leave_member(
                &self,
                id: i64,
                l: &Leaving,
                end_all: bool,
                by: ChangedBy,
            ) -> Result<Option<Member>, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let Some(member) = leave_member_in(&mut tx, id, l, end_all, by).await? else {
                    return Ok(None);
                };
                tx.commit().await.map_err(map_err)?;
                Ok(Some(member))
            }

            async fn transfer_member(
                &self,
                id: i64,
                to_team: i64,
                entry: &app::domain::roster::RosterEntry,
                from: chrono::NaiveDate,
                by: ChangedBy,
            ) -> Result<Option<(Member, Member)>, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let team_name: String = sqlx::query_scalar("SELECT name FROM teams WHERE id = $1")
                    .bind(to_team)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(map_err)?;
                let leaving = Leaving {
                    left_on: from.pred_opt().ok_or_else(|| StoreError::Corrupt("no day before".into()))?,
                    reason: app::domain::selection::LeaveReason::Transferred,
                    note: team_name,
                };
                // The sign-in goes with them: its sessions stay.
                let Some(old) = leave_member_in(&mut tx, id, &leaving, false, by).await? else {
                    return Ok(None);
                };
                let account = match old.user_id {
                    Some(u) => MemberAccount::Existing(u),
                    None => MemberAccount::None,
                };
                let new = add_member_in(&mut tx, to_team, entry, from, &account, by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(Some((old, new)))
            }

            async fn replace_member(
                &self,
                id: i64,
                l: &Leaving,
                end_all: bool,
                n: &Newcomer,
                by: ChangedBy,
            ) -> Result<Option<(Member, Member)>, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let Some(left) = leave_member_in(&mut tx, id, l, end_all, by).await? else {
                    return Ok(None);
                };
                let new = add_member_in(&mut tx, left.team_id, &n.entry, n.joined_on, &n.account, by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(Some((left, new)))
            }

            async fn reset_member_password(
                &self,
                id: i64,
                password_hash: &str,
                by: ChangedBy,
            ) -> Result<bool, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let user_id: Option<Option<i64>> = sqlx::query_scalar("SELECT user_id FROM members WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(map_err)?;
                let Some(Some(user_id)) = user_id else {
                    return Ok(false);
                };
                give_first_password(&mut tx, user_id, password_hash).await?;
                note_member(&mut tx, id, ChangeAction::PasswordReset, by).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(true)
            }

            async fn import_roster(&self, import: &RosterImport, by: ChangedBy) -> Result<(), StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let mut new_ids = Vec::with_capacity(import.new_teams.len());
                for t in &import.new_teams {
                    let new = NewTeam {
                        commune_id: import.commune_id,
                        name: t.name.clone(),
                        kind: t.kind,
                        member_quota: t.member_quota,
                        operating_since: t.operating_since,
                        village_ids: t.village_ids.clone(),
                    };
                    let id = insert_team_rows(&mut tx, &new, &t.decision_no, t.decided_on).await?;
                    note_team(&mut tx, id, ChangeAction::Created, by).await?;
                    new_ids.push(id);
                }
                for m in &import.added {
                    let team_id = match m.team {
                        TeamRef::Existing(id) => id,
                        TeamRef::New(i) => *new_ids
                            .get(i)
                            .ok_or_else(|| StoreError::Corrupt(format!("no new team {i}")))?,
                    };
                    add_member_in(&mut tx, team_id, &m.entry, m.joined_on, &m.account, by).await?;
                }
                for e in &import.edited {
                    edit_member_in(&mut tx, e.member_id, &e.entry, e.with_account, by)
                        .await?
                        .ok_or_else(|| StoreError::Corrupt(format!("no member {}", e.member_id)))?;
                }
                tx.commit().await.map_err(map_err)?;
                Ok(())
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
