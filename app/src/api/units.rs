//! Server functions for the units a commune or province keeps (issue 18): the units under
//! one, adding, editing (rename, retire, restore) and a unit's history.

use crate::domain::OrgUnitKind;
use crate::dto::units::{ChangeView, UnitChildrenView, UnitEntry};
use crate::dto::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "units/children", input = GetUrl)]
pub async fn get_unit_children(id: i64) -> Result<UnitChildrenView, AppError> {
    use crate::api::context as ctx;
    use crate::services::units;
    let actor = ctx::actor().await?;
    Ok(units::children(
        ctx::services().store.as_ref(),
        &actor,
        id,
        chrono::Utc::now(),
    )
    .await?)
}

/// A new unit from the screen's form; its dates as the form's `yyyy-mm-dd` text.
#[server(endpoint = "units/add")]
pub async fn add_unit(
    parent_id: i64,
    kind: OrgUnitKind,
    name: String,
    valid_from: String,
    valid_to: Option<String>,
) -> Result<UnitEntry, AppError> {
    use crate::api::context as ctx;
    use crate::domain::iso_date;
    use crate::dto::units::NewUnitRequest;
    use crate::services::{units, ServiceError};
    let actor = ctx::actor().await?;
    let req = NewUnitRequest {
        kind,
        name,
        valid_from: iso_date::field("valid_from", &valid_from).map_err(ServiceError::from)?,
        valid_to: iso_date::optional_field("valid_to", valid_to.as_deref().unwrap_or(""))
            .map_err(ServiceError::from)?,
    };
    Ok(units::add_child(
        ctx::services().store.as_ref(),
        &actor,
        parent_id,
        req,
        chrono::Utc::now(),
    )
    .await?)
}

/// A unit's name and dates as the screen leaves them: a last day retires it, none restores it.
#[server(endpoint = "units/edit")]
pub async fn edit_unit(
    id: i64,
    name: String,
    valid_from: String,
    valid_to: Option<String>,
    // A commune's form has the box and says so: an unticked box sends nothing.
    remote: Option<String>,
    remote_shown: Option<String>,
) -> Result<UnitEntry, AppError> {
    use crate::api::context as ctx;
    use crate::domain::iso_date;
    use crate::dto::units::UnitEditRequest;
    use crate::services::{units, ServiceError};
    let actor = ctx::actor().await?;
    let req = UnitEditRequest {
        name,
        valid_from: iso_date::field("valid_from", &valid_from).map_err(ServiceError::from)?,
        valid_to: iso_date::optional_field("valid_to", valid_to.as_deref().unwrap_or(""))
            .map_err(ServiceError::from)?,
        remote: remote_shown.map(|_| remote.is_some()),
    };
    Ok(units::edit(
        ctx::services().store.as_ref(),
        &actor,
        id,
        req,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(endpoint = "units/history", input = GetUrl)]
pub async fn get_unit_history(id: i64) -> Result<Vec<ChangeView>, AppError> {
    use crate::api::context as ctx;
    use crate::services::units;
    let actor = ctx::actor().await?;
    Ok(units::history(ctx::services().store.as_ref(), &actor, id).await?)
}

/// A merger from the screen: the units to close, the one that goes on (or a new name),
/// and the day as the form's `yyyy-mm-dd` text.
#[server(endpoint = "units/merge")]
pub async fn merge_units(
    parent_id: i64,
    unit_ids: Vec<i64>,
    into_id: Option<i64>,
    new_name: Option<String>,
    from: String,
) -> Result<crate::dto::units::MergerView, AppError> {
    use crate::api::context as ctx;
    use crate::domain::iso_date;
    use crate::dto::units::MergerRequest;
    use crate::services::{mergers, ServiceError};
    let actor = ctx::actor().await?;
    let req = MergerRequest {
        unit_ids,
        into_id,
        new_name,
        from: iso_date::field("from", &from).map_err(ServiceError::from)?,
    };
    Ok(mergers::merge(
        ctx::services().store.as_ref(),
        &actor,
        parent_id,
        req,
        chrono::Utc::now(),
    )
    .await?)
}

/// A split from the screen: the place, the new names one a line, and the day as the
/// form's `yyyy-mm-dd` text.
#[server(endpoint = "units/split")]
pub async fn split_unit(
    parent_id: i64,
    unit_id: i64,
    names: String,
    from: String,
) -> Result<crate::dto::units::SplitView, AppError> {
    use crate::api::context as ctx;
    use crate::domain::iso_date;
    use crate::dto::units::SplitRequest;
    use crate::services::{mergers, ServiceError};
    let actor = ctx::actor().await?;
    let req = SplitRequest {
        unit_id,
        names: names
            .lines()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect(),
        from: iso_date::field("from", &from).map_err(ServiceError::from)?,
    };
    Ok(mergers::split(
        ctx::services().store.as_ref(),
        &actor,
        parent_id,
        req,
        chrono::Utc::now(),
    )
    .await?)
}
