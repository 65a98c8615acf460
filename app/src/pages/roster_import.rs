//! A commune's roster imported from a file, on its places screen (issue 18, point 6): the
//! template to fill in, a check that lists every row's problems next to the row, then
//! the import of a clean file, with the first passwords of the sign-ins it made.

use crate::components::use_lang;
#[cfg(feature = "hydrate")]
use crate::domain::ErrorCode;
use crate::dto::roster_import::RosterImportView;
use crate::dto::AppError;
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Sends the chosen file to the import (`dry_run`: the check only) and reads the answer:
/// the preview or what was written, also when the file has problems (a 422 that carries
/// the preview).
#[cfg(feature = "hydrate")]
async fn send(
    commune: i64,
    file: web_sys::File,
    dry_run: bool,
) -> Result<RosterImportView, AppError> {
    let url = format!(
        "/api/v1/units/{commune}/roster-import{}",
        if dry_run { "?dry_run=true" } else { "" }
    );
    let kind = if file.name().to_lowercase().ends_with(".csv") {
        "text/csv"
    } else {
        XLSX
    };
    let body = wasm_bindgen::JsValue::from(file);
    let (status, text) = crate::browser::fetch_with("POST", &url, Some((&body, kind)))
        .await
        .map_err(|_| AppError::new(ErrorCode::Unavailable))?;
    #[derive(serde::Deserialize)]
    struct Refused {
        import: RosterImportView,
    }
    match status {
        200 => serde_json::from_str(&text).map_err(|_| AppError::new(ErrorCode::Internal)),
        422 => match serde_json::from_str::<Refused>(&text) {
            Ok(r) => Ok(r.import),
            Err(_) => {
                Err(serde_json::from_str(&text).unwrap_or(AppError::new(ErrorCode::Internal)))
            }
        },
        _ => Err(serde_json::from_str(&text).unwrap_or(AppError::new(ErrorCode::Internal))),
    }
}

#[component]
pub(super) fn ImportRoster(commune: i64) -> impl IntoView {
    let lang = use_lang();
    let t = lang.roster_import();
    let m = lang.members();
    let input = NodeRef::<leptos::html::Input>::new();
    let answer = RwSignal::new(None::<Result<RosterImportView, AppError>>);
    let busy = RwSignal::new(false);
    let go = move |dry_run: bool| {
        #[cfg(feature = "hydrate")]
        {
            let file = input
                .get_untracked()
                .and_then(|i| i.files())
                .and_then(|l| l.get(0));
            let Some(file) = file else {
                answer.set(Some(Err(AppError::on_field(ErrorCode::Required, "file"))));
                return;
            };
            busy.set(true);
            leptos::task::spawn_local(async move {
                let got = send(commune, file, dry_run).await;
                answer.set(Some(got));
                busy.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (dry_run, input, answer, busy);
    };
    let result = move || {
        answer.get().map(|got| match got {
            Err(e) => view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> }.into_any(),
            Ok(v) => {
                let clean = v.is_clean();
                let writes = v.added + v.updated;
                let summary = format!(
                    "{} {} · {} {} · {} {}",
                    v.added, t.added, v.updated, t.updated, v.unchanged, t.unchanged
                );
                let teams = (!v.new_teams.is_empty())
                    .then(|| view! { <p>{t.new_teams}" "{v.new_teams.join(", ")}</p> });
                let file_problems = v
                    .problems
                    .iter()
                    .map(|p| {
                        let column = p.column.clone().map(|c| format!("{c}: ")).unwrap_or_default();
                        view! { <li>{column}{p.message.clone()}</li> }
                    })
                    .collect_view();
                let rows = v
                    .rows
                    .iter()
                    .filter(|r| !r.problems.is_empty())
                    .map(|r| {
                        let each = r
                            .problems
                            .iter()
                            .map(|p| {
                                let column = p
                                    .column
                                    .clone()
                                    .or_else(|| p.field.as_deref().and_then(|f| m.field(f)).map(str::to_owned))
                                    .map(|c| format!("{c}: "))
                                    .unwrap_or_default();
                                view! { <li>{column}{p.message.clone()}</li> }
                            })
                            .collect_view();
                        view! {
                            <li data-row=r.row>
                                <strong>{format!("{} {}", t.row, r.row)}</strong>
                                " "{r.team.clone()}" · "{r.full_name.clone()}
                                <ul>{each}</ul>
                            </li>
                        }
                    })
                    .collect_view();
                let accounts = v
                    .accounts
                    .iter()
                    .filter_map(|a| a.password.clone().map(|p| (a.phone.clone(), p)))
                    .map(|(phone, p)| view! { <li>{phone}": "<code>{p}</code></li> })
                    .collect_view();
                let outcome = if !clean {
                    view! {
                        <p class="error-box" role="alert">{t.problems}</p>
                        <ul class="import-problems">{file_problems}</ul>
                        <ol class="import-rows">{rows}</ol>
                    }
                    .into_any()
                } else if v.written {
                    view! {
                        <p class="notice" role="status">{t.written}" "{summary}</p>
                        {teams}
                        <p>{m.password_once}</p>
                        <ul class="import-accounts">{accounts}</ul>
                    }
                    .into_any()
                } else if writes == 0 {
                    view! { <p class="notice" role="status">{t.nothing}</p> }.into_any()
                } else {
                    view! {
                        <p class="notice" role="status">{summary}</p>
                        {teams}
                        <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| go(false)>
                            {format!("{} ({writes})", t.import)}
                        </button>
                    }
                    .into_any()
                };
                view! { <div class="import-result">{outcome}</div> }.into_any()
            }
        })
    };
    view! {
        <details class="import-roster">
            <summary>{t.title}</summary>
            <p class="hint">{t.hint}</p>
            <p><a href=format!("/api/v1/units/{commune}/roster-template.xlsx") download="">{t.template}</a></p>
            <label for="import-file">{t.file}</label>
            <input id="import-file" type="file" node_ref=input
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                on:change=move |_| answer.set(None) />
            <button type="button" class="secondary" disabled=move || busy.get() on:click=move |_| go(true)>{t.check}</button>
            {result}
        </details>
    }
}
