//! A commune or province as the police see it: its teams or its communes.

use super::home::{CommuneSection, ProvinceSection};
use super::team::route_id;
use crate::api::directory::get_unit;
use crate::components::{ErrorBox, Loading, Page};
use crate::domain::ErrorCode;
use crate::domain::OrgUnitKind;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn UnitPage() -> impl IntoView {
    let id = route_id();
    let unit = Resource::new(move || id.get(), get_unit);
    view! {
        <Suspense fallback=|| view! { <Page><Loading /></Page> }>
            {move || Suspend::new(async move {
                match unit.await {
                    Ok(unit) if unit.kind == OrgUnitKind::Commune => {
                        view! { <Page signed_in=true><CommuneSection unit /></Page> }.into_any()
                    }
                    Ok(unit) => view! { <Page signed_in=true><ProvinceSection unit /></Page> }.into_any(),
                    Err(e) if e.code == ErrorCode::Unauthenticated => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <Page signed_in=true><ErrorBox error=e /></Page> }.into_any(),
                }
            })}
        </Suspense>
    }
}
