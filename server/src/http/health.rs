//! `GET /healthz`: for load balancers and people; says whether the database answers.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use super::AppState;

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let store = &state.services.store;
    match store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({"status": "ok", "database": {"backend": store.backend(), "status": "ok"}})),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(
                    json!({"status": "degraded", "database": {"backend": store.backend(), "status": "unreachable"}}),
                ),
            )
        }
    }
}
