//! The OpenAPI document is made from the code, and describes the whole API: every route
//! answers as documented, no route is served outside the document, and every record kind,
//! every mutation and the error body are in it, so that another client can be written
//! from the document alone.

use crate::common;

use axum::http::StatusCode;
use common::TestApp;
use serde_json::Value;

/// The routes outside `/api/v1`'s document: the document itself, and the pages' own paths.
const UNDOCUMENTED: [&str; 3] = ["/healthz", "/lang/{code}", "/openapi.json"];

fn schema<'a>(doc: &'a Value, name: &str) -> &'a Value {
    &doc["components"]["schemas"][name]
}

/// The values a tagged union's branches take for their tag.
fn tags(union: &Value, tag: &str) -> Vec<String> {
    union["oneOf"]
        .as_array()
        .unwrap_or_else(|| panic!("not a union: {union}"))
        .iter()
        .map(|b| b["properties"][tag]["enum"][0].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_document_is_generated_and_complete() {
    let app = TestApp::with_demo().await;
    let r = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc,
        serde_json::to_value(antt_server::http::v1::api().1).unwrap(),
        "served as built"
    );

    // Every kind of record, with its own fields.
    let body = schema(&doc, "RecordBody");
    assert_eq!(
        tags(body, "kind"),
        ["patrol", "incident", "tip_off", "good_deed", "activity"]
    );
    for (kind, fields) in [
        ("Patrol", ["started_at", "participants", "area"]),
        ("Incident", ["category", "occurred_at", "presence"]),
        ("TipOff", ["received_at", "channel", "content"]),
        ("GoodDeed", ["date", "description", "members"]),
        ("Activity", ["date", "details", "notes"]),
    ] {
        for f in fields {
            assert!(
                schema(&doc, kind)["properties"][f].is_object(),
                "{kind}.{f}"
            );
        }
    }
    let details = tags(schema(&doc, "Details"), "kind");
    for k in [
        "mediation",
        "awareness",
        "household_info",
        "reintegration",
        "weapons_hand_in",
        "business_check",
        "meeting",
    ] {
        assert!(details.iter().any(|d| d == k), "activity {k}: {details:?}");
    }
    assert_eq!(
        tags(schema(&doc, "Mutation"), "op"),
        ["create", "update", "delete", "month_step", "review"]
    );
    let error = schema(&doc, "AppError");
    assert_eq!(error["required"], serde_json::json!(["code", "message"]));
    assert_eq!(schema(&doc, "NewRecord")["additionalProperties"], false);

    let paths = doc["paths"].as_object().unwrap();
    let mut ids = Vec::new();
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            ids.push(
                op["operationId"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{method} {path}: no id"))
                    .to_owned(),
            );
            assert!(
                op["summary"].is_string() || op["description"].is_string(),
                "{method} {path}: undescribed"
            );
            for status in ["401", "422", "500"] {
                assert_eq!(
                    op["responses"][status]["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/AppError",
                    "{method} {path} {status}"
                );
            }
            // Every path parameter is declared.
            for name in path.split('{').skip(1).map(|p| &p[..p.find('}').unwrap()]) {
                assert!(
                    op["parameters"].as_array().is_some_and(|ps| ps
                        .iter()
                        .any(|p| p["name"] == name && p["in"] == "path")),
                    "{method} {path}: {{{name}}} undeclared"
                );
            }
        }
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "operation ids are unique");
}

/// Every documented operation exists: without a token it is refused, not unknown.
#[tokio::test]
async fn every_documented_operation_answers() {
    let app = TestApp::with_demo().await;
    let doc = app.get("/api/v1/openapi.json", None).await.json();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            let uri = format!("/api/v1{path}")
                .replace("{id}", "1")
                .replace("{photo_id}", "00000000-0000-4000-8000-000000000000")
                .replace("{code}", "tips_via_force")
                .replace("{month}", "2026-10");
            let req = axum::http::Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(&uri)
                .header("content-type", "application/json")
                .body(axum::body::Body::from("{}"))
                .unwrap();
            let reply = app.send(req).await;
            assert!(
                ![404, 405].contains(&reply.status.as_u16()),
                "{method} {uri}: {} {}",
                reply.status,
                reply.body
            );
            if !reply.status.is_success() {
                assert!(
                    reply.json()["code"].is_string(),
                    "{method} {uri}: {}",
                    reply.body
                );
            }
        }
    }
}

/// The routes a source file serves outside the document (`.route(` rather than `routes!`).
fn undocumented_routes(source: &str) -> Vec<String> {
    source
        .split(".route(")
        .skip(1)
        .filter_map(|part| part.trim_start().strip_prefix('"'))
        .map(|r| r[..r.find('"').unwrap()].to_owned())
        .filter(|r| !UNDOCUMENTED.contains(&r.as_str()))
        .collect()
}

#[test]
fn no_route_is_served_outside_the_document() {
    // The check itself catches a route added the plain axum way.
    let fixture = r#"OpenApiRouter::new().routes(routes!(me)).route("/secret", get(secret))"#;
    assert_eq!(undocumented_routes(fixture), ["/secret"]);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/http");
    for file in std::fs::read_dir(dir).unwrap() {
        let path = file.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            undocumented_routes(&text),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
    }
}
