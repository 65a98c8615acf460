//! GPS fixes while a screen is open (foreground only: a web page cannot track in the
//! background, and members are told so).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::PositionOptions;

/// `GeolocationPosition` is still an unstable web-sys type, so its few numbers are read
/// by name.
fn number(v: &JsValue, path: &[&str]) -> Option<f64> {
    let mut v = v.clone();
    for key in path {
        v = js_sys::Reflect::get(&v, &JsValue::from_str(key)).ok()?;
    }
    v.as_f64()
}

/// A running `watchPosition`; dropping it stops the GPS.
pub struct Watch {
    id: i32,
    _on_fix: Closure<dyn FnMut(JsValue)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

/// Why there are no fixes: the person said no, or the phone has none to give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GpsProblem {
    Denied,
    Unavailable,
}

/// Calls `on_fix(lat, lon, unix_ms)` for each fix and `on_problem` when there are none.
pub fn watch(
    mut on_fix: impl FnMut(f64, f64, f64) + 'static,
    mut on_problem: impl FnMut(GpsProblem) + 'static,
) -> Result<Watch, GpsProblem> {
    let geolocation = web_sys::window()
        .and_then(|w| w.navigator().geolocation().ok())
        .ok_or(GpsProblem::Unavailable)?;
    let on_fix = Closure::<dyn FnMut(JsValue)>::new(move |p: JsValue| {
        if let (Some(lat), Some(lon)) = (
            number(&p, &["coords", "latitude"]),
            number(&p, &["coords", "longitude"]),
        ) {
            on_fix(lat, lon, number(&p, &["timestamp"]).unwrap_or_default());
        }
    });
    // Code 1 is PERMISSION_DENIED.
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        on_problem(if number(&e, &["code"]) == Some(1.0) {
            GpsProblem::Denied
        } else {
            GpsProblem::Unavailable
        });
    });
    let options = PositionOptions::new();
    options.set_enable_high_accuracy(true);
    options.set_maximum_age(10_000);
    let id = geolocation
        .watch_position_with_error_callback_and_options(
            on_fix.as_ref().unchecked_ref(),
            Some(on_error.as_ref().unchecked_ref()),
            &options,
        )
        .map_err(|_| GpsProblem::Unavailable)?;
    Ok(Watch {
        id,
        _on_fix: on_fix,
        _on_error: on_error,
    })
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(g) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) {
            g.clear_watch(self.id);
        }
    }
}

/// One fix, for a place (an incident's location): `on_fix(lat, lon)` or `on_problem`.
pub fn current(
    on_fix: impl FnOnce(f64, f64) + 'static,
    on_problem: impl FnOnce(GpsProblem) + 'static,
) {
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        on_problem(GpsProblem::Unavailable);
        return;
    };
    // Only one of the two is ever called; both are handed to JavaScript for good.
    let problem = std::rc::Rc::new(std::cell::Cell::new(Some(on_problem)));
    let problem_again = problem.clone();
    let fix = Closure::once_into_js(move |p: JsValue| {
        match (
            number(&p, &["coords", "latitude"]),
            number(&p, &["coords", "longitude"]),
        ) {
            (Some(lat), Some(lon)) => on_fix(lat, lon),
            _ => {
                if let Some(f) = problem_again.take() {
                    f(GpsProblem::Unavailable)
                }
            }
        }
    });
    let failed = Closure::once_into_js(move |e: JsValue| {
        if let Some(f) = problem.take() {
            f(if number(&e, &["code"]) == Some(1.0) {
                GpsProblem::Denied
            } else {
                GpsProblem::Unavailable
            })
        }
    });
    let options = PositionOptions::new();
    options.set_enable_high_accuracy(true);
    options.set_timeout(20_000);
    let _ = geolocation.get_current_position_with_error_callback_and_options(
        fix.unchecked_ref(),
        Some(failed.unchecked_ref()),
        &options,
    );
}
