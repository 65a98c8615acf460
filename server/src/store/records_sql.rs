//! The record store's SQL, written once for both backends like `sql.rs`.

macro_rules! impl_record_store {
    ($store:ty, $db:ty) => {
        use app::domain::Category;

        const RECORD_COLUMNS: &str =
            "id, team_id, kind, author_id, occurred_at, month, body, version, created_at, updated_at, deleted_at";

        async fn drop_upload<'c>(tx: &mut sqlx::Transaction<'c, $db>, photo_id: &str) -> Result<(), StoreError> {
            for table in ["photo_upload_parts", "photo_uploads"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE photo_id = $1"))
                    .bind(photo_id)
                    .execute(&mut **tx)
                    .await
                    .map_err(map_err)?;
            }
            Ok(())
        }

        async fn audit<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            id: &str,
            at: DateTime<Utc>,
            user_id: i64,
            action: &str,
            before: Option<&str>,
            after: Option<&str>,
        ) -> Result<(), StoreError> {
            sqlx::query(
                "INSERT INTO record_audit (record_id, at, user_id, action, before, after) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(at)
            .bind(user_id)
            .bind(action)
            .bind(before)
            .bind(after)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
            Ok(())
        }

        /// Stores a tip's informant and, when it differs from what was stored, notes who
        /// changed it and when (never the values) in the same transaction.
        async fn put_informant<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            id: &str,
            informant: &InformantRow,
            user_id: i64,
            at: DateTime<Utc>,
        ) -> Result<(), StoreError> {
            let before: Option<(String, Option<String>)> =
                sqlx::query_as("SELECT name, phone FROM tip_informants WHERE record_id = $1")
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(map_err)?;
            let before = before
                .map(|(name, phone)| InformantRow { name, phone })
                .filter(|b| !b.is_anonymous());
            let action = match &before {
                Some(b) if b == informant => None,
                Some(_) => Some("change"),
                None if informant.is_anonymous() => None,
                None => Some("set"),
            };
            if let Some(action) = action {
                sqlx::query(
                    "INSERT INTO informant_audit (record_id, at, user_id, action) VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(at)
                .bind(user_id)
                .bind(action)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
            }
            sqlx::query(
                "INSERT INTO tip_informants (record_id, name, phone) VALUES ($1, $2, $3) \
                 ON CONFLICT (record_id) DO UPDATE SET name = excluded.name, phone = excluded.phone",
            )
            .bind(id)
            .bind(&informant.name)
            .bind(&informant.phone)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
            Ok(())
        }

        /// Gives the record the team's next change number (holding the team's row until
        /// commit, so numbers appear in order) and keeps the id of the phone's mutation.
        async fn mark_change<'c>(
            tx: &mut sqlx::Transaction<'c, $db>,
            record_id: &str,
            user_id: i64,
            at: DateTime<Utc>,
            mutation: Option<&str>,
        ) -> Result<(), StoreError> {
            let (seq,): (i64,) = sqlx::query_as(
                "UPDATE teams SET change_seq = change_seq + 1 \
                 WHERE id = (SELECT team_id FROM records WHERE id = $1) RETURNING change_seq",
            )
            .bind(record_id)
            .fetch_one(&mut **tx)
            .await
            .map_err(map_err)?;
            sqlx::query("UPDATE records SET seq = $1 WHERE id = $2")
                .bind(seq)
                .bind(record_id)
                .execute(&mut **tx)
                .await
                .map_err(map_err)?;
            keep_mutation(tx, mutation, user_id, record_id, at).await
        }

        #[async_trait]
        impl RecordStore for $store {
            async fn insert_record(
                &self,
                row: &RecordRow,
                informant: Option<&InformantRow>,
                mutation: Option<&str>,
            ) -> Result<(), StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                sqlx::query(&format!(
                    "INSERT INTO records ({RECORD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                ))
                .bind(&row.id)
                .bind(row.team_id)
                .bind(&row.kind)
                .bind(row.author_id)
                .bind(row.occurred_at)
                .bind(&row.month)
                .bind(&row.body)
                .bind(row.version)
                .bind(row.created_at)
                .bind(row.updated_at)
                .bind(row.deleted_at)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                if let Some(i) = informant {
                    put_informant(&mut tx, &row.id, i, row.author_id, row.created_at).await?;
                }
                audit(&mut tx, &row.id, row.created_at, row.author_id, "create", None, Some(&row.body)).await?;
                mark_change(&mut tx, &row.id, row.author_id, row.created_at, mutation).await?;
                refuse_locked(&mut tx, row.team_id, &[&row.month]).await?;
                refresh_counts(&mut tx, row.team_id, &[&row.body]).await?;
                tx.commit().await.map_err(map_err)
            }

            async fn record(&self, id: &str) -> Result<Option<RecordRow>, StoreError> {
                let row = sqlx::query_as::<_, DbRecordRow>(&format!("SELECT {RECORD_COLUMNS} FROM records WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(map_err)?;
                Ok(row.map(RecordRow::from))
            }

            async fn records(&self, team_id: i64, f: &RecordFilter) -> Result<Vec<RecordRow>, StoreError> {
                let rows = sqlx::query_as::<_, DbRecordRow>(&format!(
                    "SELECT {RECORD_COLUMNS} FROM records WHERE team_id = $1 AND deleted_at IS NULL \
                     AND ($2 IS NULL OR kind = $2) AND ($3 IS NULL OR month = $3) AND ($4 IS NULL OR author_id = $4) \
                     ORDER BY occurred_at DESC, id LIMIT $5"
                ))
                .bind(team_id)
                .bind(&f.kind)
                .bind(&f.month)
                .bind(f.author_id)
                // Both databases read a huge limit as none (PostgreSQL refuses -1, SQLite NULL).
                .bind(f.limit.unwrap_or(i64::MAX))
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(rows.into_iter().map(RecordRow::from).collect())
            }

            async fn update_record(
                &self,
                row: &RecordRow,
                expected_version: i64,
                informant: Option<&InformantRow>,
                user_id: i64,
                mutation: Option<&str>,
            ) -> Result<bool, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let before: Option<(String, i64, String)> = sqlx::query_as(
                    "SELECT body, team_id, month FROM records WHERE id = $1 AND version = $2 AND deleted_at IS NULL",
                )
                .bind(&row.id)
                .bind(expected_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(map_err)?;
                let Some((before, team_id, before_month)) = before else {
                    return Ok(false);
                };
                let done = sqlx::query(
                    "UPDATE records SET kind = $1, occurred_at = $2, month = $3, body = $4, version = $5, \
                     updated_at = $6 WHERE id = $7 AND version = $8",
                )
                .bind(&row.kind)
                .bind(row.occurred_at)
                .bind(&row.month)
                .bind(&row.body)
                .bind(expected_version + 1)
                .bind(row.updated_at)
                .bind(&row.id)
                .bind(expected_version)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                if done.rows_affected() != 1 {
                    return Ok(false);
                }
                if let Some(i) = informant {
                    put_informant(&mut tx, &row.id, i, user_id, row.updated_at).await?;
                }
                audit(&mut tx, &row.id, row.updated_at, user_id, "update", Some(&before), Some(&row.body)).await?;
                mark_change(&mut tx, &row.id, user_id, row.updated_at, mutation).await?;
                refuse_locked(&mut tx, team_id, &[&before_month, &row.month]).await?;
                clear_review(&mut tx, &row.id, team_id, &row.month, user_id, row.updated_at).await?;
                refresh_counts(&mut tx, team_id, &[&before, &row.body]).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(true)
            }

            async fn delete_record(
                &self,
                id: &str,
                expected_version: i64,
                at: DateTime<Utc>,
                user_id: i64,
                mutation: Option<&str>,
            ) -> Result<bool, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                let before: Option<(String, i64, String)> = sqlx::query_as(
                    "SELECT body, team_id, month FROM records WHERE id = $1 AND version = $2 AND deleted_at IS NULL",
                )
                .bind(id)
                .bind(expected_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(map_err)?;
                let Some((before, team_id, before_month)) = before else {
                    return Ok(false);
                };
                sqlx::query("UPDATE records SET deleted_at = $1, updated_at = $1, version = version + 1 WHERE id = $2")
                    .bind(at)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                audit(&mut tx, id, at, user_id, "delete", Some(&before), None).await?;
                mark_change(&mut tx, id, user_id, at, mutation).await?;
                refuse_locked(&mut tx, team_id, &[&before_month]).await?;
                refresh_counts(&mut tx, team_id, &[&before]).await?;
                tx.commit().await.map_err(map_err)?;
                Ok(true)
            }

            async fn informant(&self, record_id: &str) -> Result<Option<InformantRow>, StoreError> {
                let row = sqlx::query_as::<_, DbInformantRow>("SELECT name, phone FROM tip_informants WHERE record_id = $1")
                    .bind(record_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(map_err)?;
                Ok(row.map(InformantRow::from))
            }

            async fn informant_audit(&self, record_id: &str) -> Result<Vec<InformantChange>, StoreError> {
                let rows: Vec<(DateTime<Utc>, i64, String)> = sqlx::query_as(
                    "SELECT at, user_id, action FROM informant_audit WHERE record_id = $1 ORDER BY at",
                )
                .bind(record_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(rows
                    .into_iter()
                    .map(|(at, user_id, action)| InformantChange { at, user_id, action })
                    .collect())
            }

            async fn insert_photo(&self, p: &PhotoRow) -> Result<(), StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                sqlx::query(
                    "INSERT INTO record_photos (id, record_id, content_type, bytes, size, author_id, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&p.id)
                .bind(&p.record_id)
                .bind(&p.content_type)
                .bind(&p.bytes)
                .bind(p.bytes.len() as i64)
                .bind(p.author_id)
                .bind(p.created_at)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                // A phone that pulls the record must learn of its new photo.
                mark_change(&mut tx, &p.record_id, p.author_id, p.created_at, None).await?;
                drop_upload(&mut tx, &p.id).await?;
                tx.commit().await.map_err(map_err)
            }

            async fn unfinished_uploads(&self, record_id: &str, except: &str) -> Result<i64, StoreError> {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM photo_uploads WHERE record_id = $1 AND photo_id <> $2",
                )
                .bind(record_id)
                .bind(except)
                .fetch_one(&self.pool)
                .await
                .map_err(map_err)
            }

            async fn photo_upload(&self, photo_id: &str) -> Result<Option<PhotoUpload>, StoreError> {
                let row = sqlx::query_as::<_, PhotoUploadRow>(
                    "SELECT photo_id, record_id, user_id, content_type, total, received \
                     FROM photo_uploads WHERE photo_id = $1",
                )
                .bind(photo_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(row.map(PhotoUpload::from))
            }

            async fn append_photo_piece(
                &self,
                u: &PhotoUpload,
                position: i64,
                bytes: &[u8],
                at: DateTime<Utc>,
            ) -> Result<bool, StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                sqlx::query(
                    "INSERT INTO photo_uploads (photo_id, record_id, user_id, content_type, total, received, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, 0, $6) ON CONFLICT (photo_id) DO NOTHING",
                )
                .bind(&u.photo_id)
                .bind(&u.record_id)
                .bind(u.user_id)
                .bind(&u.content_type)
                .bind(u.total)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                // Two copies of one piece racing: the row lock lets one through, and the
                // other finds the count moved on.
                let moved = sqlx::query(
                    "UPDATE photo_uploads SET received = received + $1, updated_at = $2 \
                     WHERE photo_id = $3 AND received = $4 AND record_id = $5 AND user_id = $6 \
                     AND content_type = $7 AND total = $8",
                )
                .bind(bytes.len() as i64)
                .bind(at)
                .bind(&u.photo_id)
                .bind(position)
                .bind(&u.record_id)
                .bind(u.user_id)
                .bind(&u.content_type)
                .bind(u.total)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
                if moved.rows_affected() != 1 {
                    return Ok(false);
                }
                sqlx::query("INSERT INTO photo_upload_parts (photo_id, position, bytes) VALUES ($1, $2, $3)")
                    .bind(&u.photo_id)
                    .bind(position)
                    .bind(bytes)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                tx.commit().await.map_err(map_err)?;
                Ok(true)
            }

            async fn photo_upload_bytes(&self, photo_id: &str) -> Result<Vec<u8>, StoreError> {
                let parts: Vec<Vec<u8>> = sqlx::query_scalar(
                    "SELECT bytes FROM photo_upload_parts WHERE photo_id = $1 ORDER BY position",
                )
                .bind(photo_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(parts.concat())
            }

            async fn discard_photo_upload(&self, photo_id: &str) -> Result<(), StoreError> {
                let mut tx = self.pool.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
                drop_upload(&mut tx, photo_id).await?;
                tx.commit().await.map_err(map_err)
            }

            async fn applied_mutation(&self, id: &str) -> Result<Option<AppliedMutation>, StoreError> {
                let row: Option<(i64, String)> =
                    sqlx::query_as("SELECT user_id, record_id FROM sync_mutations WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?;
                Ok(row.map(|(user_id, record_id)| AppliedMutation { user_id, record_id }))
            }

            async fn changes(&self, team_id: i64, after: i64, limit: i64) -> Result<Vec<(i64, RecordRow)>, StoreError> {
                let rows = sqlx::query_as::<_, ChangeRow>(&format!(
                    "SELECT seq, {RECORD_COLUMNS} FROM records WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"
                ))
                .bind(team_id)
                .bind(after)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(rows.into_iter().map(<(i64, RecordRow)>::from).collect())
            }

            async fn photo(&self, id: &str) -> Result<Option<PhotoRow>, StoreError> {
                let row = sqlx::query_as::<_, DbPhotoRow>(
                    "SELECT id, record_id, content_type, bytes, author_id, created_at FROM record_photos WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(row.map(PhotoRow::from))
            }

            async fn photos_of(&self, record_id: &str) -> Result<Vec<PhotoInfo>, StoreError> {
                let rows = sqlx::query_as::<_, PhotoInfoRow>(
                    "SELECT id, content_type, size FROM record_photos WHERE record_id = $1 ORDER BY created_at, id",
                )
                .bind(record_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(rows.into_iter().map(PhotoInfo::from).collect())
            }

            async fn holidays(&self) -> Result<Vec<chrono::NaiveDate>, StoreError> {
                sqlx::query_scalar("SELECT day FROM holidays ORDER BY day")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(map_err)
            }

            async fn categories(&self) -> Result<Vec<Category>, StoreError> {
                let rows = sqlx::query_as::<_, CategoryRow>(
                    "SELECT domain, code, name_vi, name_en FROM categories WHERE active \
                     ORDER BY domain, position, code",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                rows.into_iter().map(Category::try_from).collect()
            }

            async fn record_history(&self, record_id: &str) -> Result<Vec<AuditEntry>, StoreError> {
                let rows = sqlx::query_as::<_, AuditRow>(
                    "SELECT at, user_id, action, before, after FROM record_audit WHERE record_id = $1 ORDER BY id",
                )
                .bind(record_id)
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
                Ok(rows.into_iter().map(AuditEntry::from).collect())
            }
        }
    };
}
