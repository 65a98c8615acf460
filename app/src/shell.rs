//! The HTML document, the router and the language chosen for this request.

use crate::i18n::Lang;
use crate::pages::{
    DrillPage, EditRecordPage, FeedPage, HomePage, IndicatorsPage, LogFormPage, LogPickerPage,
    LoginPage, MonthPage, NotFoundPage, PasswordScreen, ProgressPage, RecordPage, SetupScreen,
    TeamScreen, UnitScreen,
};
use leptos::hydration::HydrationScriptsProps;
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

/// This page's script nonce, which leptos_axum draws for every render (server only: the
/// head is never hydrated).
fn nonce() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        leptos::nonce::use_nonce().map(|n| n.to_string())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Sends the page's Content-Security-Policy, naming its nonce.
fn send_policy() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(value) = http::HeaderValue::from_str(&crate::csp::policy(nonce().as_deref())) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// The document. Title and description are rendered here on the server only, so the
/// browser build needs no head-management code.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    let t = lang.texts();
    send_policy();
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
                <Boot options />
                <script nonce=nonce() inner_html=offline_script(lang)></script>
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Starts the app in the browser: Leptos's `HydrationScripts` with two changes, each
/// measured with Lighthouse on this product's screens (docs/BENCHMARKS.md, 30/11/2026).
/// The wasm is not preloaded: a preloaded file arrives whole and the browser then reads
/// all of it in one long task just as the screen is first painted; fetched by the
/// script, it is read piece by piece as it downloads. And hydration waits for the next
/// task after the wasm starts, so the two are not one long block a tap must wait behind.
#[component]
fn Boot(options: LeptosOptions) -> impl IntoView {
    // Called for what it provides: the split manifest the server reads to hint a lazy
    // screen's code. Its tags are not rendered.
    let _ = HydrationScripts(
        HydrationScriptsProps::builder()
            .options(options.clone())
            .build(),
    );
    // The build does not change while the server runs: its file names are read once.
    static START: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    let (module, start) = START.get_or_init(|| {
        let pkg = format!("/{}", options.site_pkg_dir);
        let (js, wasm) = pkg_names(&options);
        let start = format!(
            "import init, {{ hydrate }} from \"{pkg}/{js}.js\";\n\
             init({{ module_or_path: \"{pkg}/{wasm}.wasm\" }}).then(() => setTimeout(hydrate));"
        );
        (format!("{pkg}/{js}.js"), start)
    });
    view! {
        <link rel="modulepreload" href=module.as_str() crossorigin="" />
        <script type="module" nonce=nonce() inner_html=start.as_str()></script>
    }
}

/// The names of the wasm-bindgen module and the wasm as built: with cargo-leptos's
/// hashes when `hash.txt` lies beside the binary (release builds), as `HydrationScripts`
/// finds them.
fn pkg_names(options: &LeptosOptions) -> (String, String) {
    let name = options.output_name.to_string();
    let hashes = options
        .hash_files
        .then(|| std::env::current_exe().ok())
        .flatten()
        .and_then(|exe| {
            std::fs::read_to_string(exe.with_file_name(options.hash_file.as_ref())).ok()
        });
    let hash_of = |file: &str| {
        hashes.as_deref().and_then(|h| {
            h.lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(f, _)| f.trim() == file)
                .map(|(_, hash)| format!("{name}.{}", hash.trim()))
        })
    };
    match (hash_of("js"), hash_of("wasm")) {
        (Some(js), Some(wasm)) => (js, wasm),
        _ if option_env!("LEPTOS_OUTPUT_NAME").is_some() => (name.clone(), name),
        _ => (name.clone(), format!("{name}_bg")),
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
                <Route path=path!("/units/:id/places") view={Lazy::<SetupScreen>::new()} ssr=SsrMode::Async />
                <Route path=path!("/units/:id/teams/new") view={Lazy::<SetupScreen>::new()} ssr=SsrMode::Async />
                <Route path=path!("/teams/:id/settings") view={Lazy::<SetupScreen>::new()} ssr=SsrMode::Async />
                <Route path=path!("/teams/:id/members/new") view={Lazy::<SetupScreen>::new()} ssr=SsrMode::Async />
                <Route path=path!("/members/:id") view={Lazy::<SetupScreen>::new()} ssr=SsrMode::Async />
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
