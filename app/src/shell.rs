//! The HTML document, the router and the language chosen for this request.

use crate::i18n::Lang;
use crate::pages::{
    DrillPage, EditRecordPage, FeedPage, HomePage, IndicatorsPage, LogFormPage, LogPickerPage,
    LoginPage, MonthPage, NotFoundPage, PasswordScreen, ProgressPage, RecordPage, TeamScreen,
    UnitScreen,
};
use leptos::prelude::*;
use leptos_meta::HashedStylesheet;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

/// The language comes from a cookie on both sides, so the server renders what the browser hydrates.
fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| {
                p.headers
                    .get(http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .map(Lang::from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use wasm_bindgen::JsCast;
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| d.cookie().ok())
            .map(|c| Lang::from_cookie_header(&c))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::default()
    }
}

/// The path of the page being rendered (server only).
fn request_path() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().map(|p| p.uri.path().to_owned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The document. Title and description are rendered here on the server only, so the
/// browser build needs no head-management code.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    let t = lang.texts();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b5d1e" />
                // A literal: a dynamic text node would carry a hydration marker into the title.
                <title>"ANTT Cơ sở"</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <meta name="description" content=t.login_intro />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <script inner_html=offline_script(lang)></script>
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Registers the service worker (public/… and server/src/http/sw.js), offers a new
/// version instead of switching under the person's feet, and asks the browser to keep
/// this site's storage. Plain script in the page: it must work before the wasm arrives,
/// and the wasm budget has no room for it.
fn offline_script(lang: Lang) -> String {
    let (ready, update, kept, refused, ok) = match lang {
        Lang::Vi => (
            "Đã có phiên bản mới của ứng dụng.",
            "Cập nhật",
            "Trình duyệt chưa cho phép giữ dữ liệu lâu dài: khi máy đầy bộ nhớ, các mục chưa gửi có thể bị xoá. Hãy cài ứng dụng vào màn hình chính.",
            "storage-refused",
            "Đã hiểu",
        ),
        Lang::En => (
            "A new version of the app is ready.",
            "Update",
            "The browser has not agreed to keep this app's data: when the phone runs out of space, unsent entries could be removed. Install the app on the home screen.",
            "storage-refused",
            "OK",
        ),
    };

    // Comments and indentation are for the reader of the source, not for every phone.
    let home = request_path().as_deref() == Some("/");
    let texts = if home {
        serde_json::json!({
            "ready": ready, "update": update, "kept": kept, "refused": refused, "ok": ok,
        })
    } else {
        serde_json::json!({ "ready": ready, "update": update })
    };
    let mut source = include_str!("offline.js").to_owned();
    if home {
        source.push_str(include_str!("storage.js"));
    }
    let script: String = source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    format!("window.ANTT_TEXTS={texts};{script}")
}

#[component]
pub fn App() -> impl IntoView {
    provide_context(request_lang());
    view! {
        <Router>
            <Routes fallback=|| view! { <NotFoundPage /> }>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                <Route path=path!("/teams/:id") view={Lazy::<TeamScreen>::new()} ssr=SsrMode::Async />
                <Route path=path!("/teams/:id/log") view={Lazy::<LogPickerPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/teams/:id/log/:kind") view={Lazy::<LogFormPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/teams/:id/records") view={Lazy::<FeedPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/records/:id") view={Lazy::<RecordPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/units/:id/indicators") view={Lazy::<IndicatorsPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/teams/:id/indicators") view={Lazy::<IndicatorsPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/units/:id/indicators/:code") view={Lazy::<DrillPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/teams/:id/indicators/:code") view={Lazy::<DrillPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/records/:id/edit") view={Lazy::<EditRecordPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/units/:id") view={Lazy::<UnitScreen>::new()} ssr=SsrMode::Async />
                <Route path=path!("/teams/:id/progress") view={Lazy::<ProgressPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/teams/:id/month") view={Lazy::<MonthPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/teams/:id/months/:month") view={Lazy::<MonthPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/units/:id/months") view={Lazy::<MonthPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/units/:id/months/:month") view={Lazy::<MonthPage>::new()} ssr=SsrMode::Async />
                <Route path=path!("/account/password") view={Lazy::<PasswordScreen>::new()} ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}
