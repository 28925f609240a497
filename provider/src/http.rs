//! The provider's HTTP API.
//!
//! | request | answer |
//! |---|---|
//! | `GET /health` | `{"status":"ok", ...}` |
//! | `GET /metrics` | Prometheus text |
//! | `GET /v1/orders/{order}` | upload state of an accepted order |
//! | `PUT /v1/orders/{order}/data?offset=N` | store the next bytes of an upload (at most 4 MiB, whole segments but for the last chunk) |
//! | `GET /v1/content/{root}/leaves` | the segment leaf hashes, 32 bytes each |
//! | `GET /v1/content/{root}/segments?from=I&count=N` | the bytes of segments `I..I+N` (at most 4 MiB) |
//! | `GET /v1/content/{root}/proof/{index}` | a segment and its Merkle path, as JSON hex |
//!
//! Errors are JSON `{"error": "..."}` with a status that says which: 404 unknown order or
//! content, 409 wrong offset (the body says where to continue), 413 too large, 422 root
//! mismatch, 408 a body that does not arrive in time.
//!
//! Every answer allows any origin to read it (`Access-Control-Allow-Origin: *`): a buyer's
//! browser fetches segments from the market page. The content is ciphertext checked against its
//! root, so no page gains anything a plain HTTP client could not already fetch. Uploads are not
//! opened to pages: a `PUT` from a browser needs a preflight, which is not answered.

use std::{sync::Arc, time::Duration};

use axum::{
	body::{to_bytes, Body, Bytes},
	extract::{DefaultBodyLimit, Path, Query, State},
	http::{header, HeaderValue, StatusCode},
	middleware::map_response,
	response::{IntoResponse, Response},
	routing::{get, put},
	Json, Router,
};
use serde::Deserialize;
use serde_json::json;
use sp_core::H256;

use crate::{
	metrics::Metrics,
	store::{Store, StoreError, MAX_CHUNK},
};

/// How long a request body may take to arrive.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a request's head (request line and headers) may take to arrive.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown` resolves, as `axum::serve` does, but closing a
/// connection whose request head does not arrive within `header_timeout` (a client that sends
/// headers a byte at a time cannot hold connections open).
pub async fn serve(
	listener: tokio::net::TcpListener,
	app: Router,
	header_timeout: Duration,
	shutdown: impl std::future::Future<Output = ()>,
) {
	use hyper_util::{
		rt::{TokioExecutor, TokioIo, TokioTimer},
		server::conn::auto::Builder,
		service::TowerToHyperService,
	};
	let mut shutdown = std::pin::pin!(shutdown);
	loop {
		let stream = tokio::select! {
			accepted = listener.accept() => match accepted {
				Ok((stream, _)) => stream,
				Err(e) => {
					tracing::warn!("accept: {e}");
					tokio::time::sleep(Duration::from_millis(100)).await;
					continue;
				},
			},
			() = &mut shutdown => return,
		};
		let service = TowerToHyperService::new(app.clone());
		tokio::spawn(async move {
			let mut builder = Builder::new(TokioExecutor::new());
			builder.http1().timer(TokioTimer::new()).header_read_timeout(header_timeout);
			if let Err(e) = builder.serve_connection(TokioIo::new(stream), service).await {
				tracing::debug!("connection: {e}");
			}
		});
	}
}

/// What the handlers share.
pub struct AppState {
	pub store: Arc<Store>,
	pub metrics: Arc<Metrics>,
	/// How long an upload's body may take to arrive ([`BODY_TIMEOUT`]).
	pub body_timeout: Duration,
}

/// The provider's routes.
pub fn router(state: Arc<AppState>) -> Router {
	Router::new()
		.route("/health", get(health))
		.route("/metrics", get(metrics))
		.route("/v1/orders/{order}", get(order))
		.route("/v1/orders/{order}/data", put(upload))
		.route("/v1/content/{root}/leaves", get(leaves))
		.route("/v1/content/{root}/segments", get(segments))
		.route("/v1/content/{root}/proof/{index}", get(proof))
		.layer(DefaultBodyLimit::max(MAX_CHUNK))
		.layer(map_response(allow_any_origin))
		.with_state(state)
}

async fn allow_any_origin(mut response: Response) -> Response {
	response
		.headers_mut()
		.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
	response
}

/// An error answer.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
	fn into_response(self) -> Response {
		(self.0, Json(json!({ "error": self.1 }))).into_response()
	}
}

impl From<StoreError> for ApiError {
	fn from(e: StoreError) -> Self {
		let status = match &e {
			StoreError::UnknownOrder(_)
			| StoreError::UnknownContent(_)
			| StoreError::NoSuchSegment { .. } => StatusCode::NOT_FOUND,
			StoreError::AlreadyStored { .. } | StoreError::WrongOffset { .. } => {
				StatusCode::CONFLICT
			},
			StoreError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
			StoreError::Unaligned(_) | StoreError::RootMismatch { .. } => {
				StatusCode::UNPROCESSABLE_ENTITY
			},
			StoreError::Io(_) => StatusCode::INTERNAL_SERVER_ERROR,
		};
		ApiError(status, e.to_string())
	}
}

fn parse_root(text: &str) -> Result<H256, ApiError> {
	let bytes = hex::decode(text.trim_start_matches("0x")).ok().filter(|b| b.len() == 32);
	bytes.map(|b| H256::from_slice(&b)).ok_or_else(|| {
		ApiError(StatusCode::BAD_REQUEST, format!("`{text}` is not a 32-byte hex root"))
	})
}

/// Runs blocking file work off the async threads.
async fn blocking<T: Send + 'static>(
	f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
	tokio::task::spawn_blocking(f)
		.await
		.map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
		.map_err(ApiError::from)
}

fn octets(bytes: Vec<u8>) -> Response {
	([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response()
}

async fn health(State(state): State<Arc<AppState>>) -> Result<Json<serde_json::Value>, ApiError> {
	let store = state.store.clone();
	let (orders, bytes) =
		blocking(move || Ok((store.orders()?.len(), store.stored_bytes()))).await?;
	Ok(Json(json!({ "status": "ok", "orders": orders, "stored_bytes": bytes })))
}

async fn metrics(State(state): State<Arc<AppState>>) -> Response {
	([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render()).into_response()
}

async fn order(
	State(state): State<Arc<AppState>>,
	Path(order): Path<u64>,
) -> Result<Response, ApiError> {
	let store = state.store.clone();
	let record =
		blocking(move || store.order(order)?.ok_or(StoreError::UnknownOrder(order))).await?;
	Ok(Json(json!({
		"order": order,
		"root": format!("{:?}", record.root),
		"size": record.size,
		"received": record.received,
		"stored": record.stored,
	}))
	.into_response())
}

#[derive(Deserialize)]
struct Offset {
	offset: u64,
}

async fn upload(
	State(state): State<Arc<AppState>>,
	Path(order): Path<u64>,
	Query(Offset { offset }): Query<Offset>,
	body: Body,
) -> Result<Response, ApiError> {
	let bytes: Bytes =
		match tokio::time::timeout(state.body_timeout, to_bytes(body, MAX_CHUNK)).await {
			Err(_) => {
				return Err(ApiError(
					StatusCode::REQUEST_TIMEOUT,
					"the body did not arrive in time".into(),
				))
			},
			Ok(Err(e)) => {
				return Err(ApiError(StatusCode::PAYLOAD_TOO_LARGE, format!("body refused: {e}")))
			},
			Ok(Ok(bytes)) => bytes,
		};
	let len = bytes.len() as u64;
	let store = state.store.clone();
	let record = blocking(move || store.write_chunk(order, offset, &bytes)).await;
	match &record {
		Ok(_) => state.metrics.uploaded_bytes.inc_by(len),
		Err(ApiError(StatusCode::UNPROCESSABLE_ENTITY, _)) => state.metrics.rejected_uploads.inc(),
		Err(_) => {},
	}
	let record = record?;
	if record.stored {
		state.metrics.stored_bytes.set(state.store.stored_bytes() as i64);
	}
	Ok(Json(json!({ "order": order, "received": record.received, "stored": record.stored }))
		.into_response())
}

async fn leaves(
	State(state): State<Arc<AppState>>,
	Path(root): Path<String>,
) -> Result<Response, ApiError> {
	let root = parse_root(&root)?;
	let store = state.store.clone();
	Ok(octets(blocking(move || store.leaves(&root)).await?))
}

#[derive(Deserialize)]
struct Range {
	from: u64,
	count: u64,
}

async fn segments(
	State(state): State<Arc<AppState>>,
	Path(root): Path<String>,
	Query(Range { from, count }): Query<Range>,
) -> Result<Response, ApiError> {
	let root = parse_root(&root)?;
	let most = (MAX_CHUNK as u64) / cpchain_primitives::storage::SEGMENT_SIZE;
	if count == 0 || count > most {
		return Err(ApiError(StatusCode::BAD_REQUEST, format!("count must be 1 to {most}")));
	}
	let store = state.store.clone();
	let bytes = blocking(move || store.read_segments(&root, from, count)).await?;
	state.metrics.served_bytes.inc_by(bytes.len() as u64);
	Ok(octets(bytes))
}

async fn proof(
	State(state): State<Arc<AppState>>,
	Path((root, index)): Path<(String, u64)>,
) -> Result<Response, ApiError> {
	let root = parse_root(&root)?;
	let store = state.store.clone();
	let (segment, path) = blocking(move || store.proof(&root, index)).await?;
	let path: Vec<String> = path.iter().map(|h| format!("{h:?}")).collect();
	Ok(Json(json!({ "index": index, "segment": hex::encode(segment), "path": path }))
		.into_response())
}
