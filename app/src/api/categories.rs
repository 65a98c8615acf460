//! Server function for the incident and tip-off categories the forms offer.

use crate::domain::Category;
use crate::dto::AppError;
use leptos::prelude::*;
// Reads are GET, so the service worker can keep the last answer for offline use.
use leptos::server_fn::codec::GetUrl;

/// The active categories, incidents first, each domain in list order.
#[server(endpoint = "categories", input = GetUrl)]
pub async fn get_categories() -> Result<Vec<Category>, AppError> {
    use crate::api::context as ctx;
    use crate::services::records;
    let actor = ctx::actor().await?;
    Ok(records::categories(ctx::services().store.as_ref(), &actor).await?)
}
