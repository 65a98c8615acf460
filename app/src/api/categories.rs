//! Server function for the incident and tip-off categories the forms offer.

use super::AppError;
use crate::domain::Category;
use leptos::prelude::*;

/// The active categories, incidents first, each domain in list order.
#[server(endpoint = "categories")]
pub async fn get_categories() -> Result<Vec<Category>, AppError> {
    use crate::services::{records, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    Ok(records::categories(ctx::services().store.as_ref(), &actor).await?)
}
