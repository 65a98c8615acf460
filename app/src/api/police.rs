//! Server functions for a unit's police accounts (issue 18, point 5): the list, a new
//! account, a new first password and the role taken back, each for those who keep them.

use crate::dto::members::InitialPassword;
use crate::dto::police::{AddedPolice, PoliceListView};
use crate::dto::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "police/list", input = GetUrl)]
pub async fn get_police(unit_id: i64) -> Result<PoliceListView, AppError> {
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    Ok(
        crate::services::police_accounts::list(ctx::services().store.as_ref(), &actor, unit_id)
            .await?,
    )
}

#[server(endpoint = "police/add")]
pub async fn add_police(
    unit_id: i64,
    phone: String,
    full_name: String,
) -> Result<AddedPolice, AppError> {
    use crate::api::context as ctx;
    use crate::dto::police::PoliceRequest;
    let actor = ctx::actor().await?;
    let req = PoliceRequest {
        phone,
        full_name,
        initial_password: None,
    };
    Ok(crate::services::police_accounts::add(
        ctx::services().store.as_ref(),
        &actor,
        unit_id,
        req,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(endpoint = "police/remove")]
pub async fn remove_police(unit_id: i64, user_id: i64) -> Result<(), AppError> {
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    Ok(crate::services::police_accounts::remove(
        ctx::services().store.as_ref(),
        &actor,
        unit_id,
        user_id,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(endpoint = "police/password")]
pub async fn reset_police_password(
    unit_id: i64,
    user_id: i64,
) -> Result<InitialPassword, AppError> {
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    Ok(crate::services::police_accounts::reset_password(
        ctx::services().store.as_ref(),
        &actor,
        unit_id,
        user_id,
        Default::default(),
        chrono::Utc::now(),
    )
    .await?)
}
