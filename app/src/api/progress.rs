//! The server function a phone reads its counting kit from.

use crate::dto::progress::CountingKit;
use crate::dto::AppError;

#[leptos::server(endpoint = "progress/kit", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_counting_kit(team_id: i64) -> Result<CountingKit, AppError> {
    use crate::api::context as ctx;
    use crate::services::indicators;
    let actor = ctx::actor().await?;
    Ok(indicators::counting_kit(ctx::services().store.as_ref(), &actor, team_id).await?)
}
