//! The provider's HTTP API over a real socket, with a real HTTP client: uploads, resumption,
//! refusals, segment reads and proofs. (Its chain side runs in tests/e2e/flow.test.mjs.)

use std::{sync::Arc, time::Duration};

use cpchain_primitives::storage::{verify_segment, MerkleTree};
use cpchain_provider::{
	http::{router, serve, AppState},
	metrics::Metrics,
	store::{Store, MAX_CHUNK},
};
use sp_core::H256;
use tokio::io::AsyncWriteExt;

struct Server {
	base: String,
	store: Arc<Store>,
	_dir: tempfile::TempDir,
}

async fn start() -> Server {
	start_with(Duration::from_secs(30)).await
}

async fn start_with(body_timeout: Duration) -> Server {
	let dir = tempfile::tempdir().unwrap();
	let store = Arc::new(Store::open(dir.path()).unwrap());
	let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
	let base = format!("http://{}", listener.local_addr().unwrap());
	let metrics = Arc::new(Metrics::new());
	let app = router(Arc::new(AppState { store: store.clone(), metrics, body_timeout }));
	tokio::spawn(serve(listener, app, Duration::from_secs(2), std::future::pending()));
	Server { base, store, _dir: dir }
}

async fn json(response: reqwest::Response) -> serde_json::Value {
	serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
}

fn content(len: usize) -> Vec<u8> {
	(0..len as u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 9) as u8).collect()
}

async fn put(
	client: &reqwest::Client,
	base: &str,
	order: u64,
	offset: u64,
	body: Vec<u8>,
) -> (u16, serde_json::Value) {
	let response = client
		.put(format!("{base}/v1/orders/{order}/data?offset={offset}"))
		.body(body)
		.send()
		.await
		.unwrap();
	let status = response.status().as_u16();
	(status, serde_json::from_slice(&response.bytes().await.unwrap()).unwrap_or_default())
}

#[tokio::test]
async fn upload_resume_read_and_prove() {
	let server = start().await;
	let client = reqwest::Client::new();
	let data = content(MAX_CHUNK + 5000);
	let tree = MerkleTree::from_data(&data).unwrap();
	let root = tree.root();
	server.store.add_order(1, root, data.len() as u64, 1000).unwrap();

	let (status, body) = put(&client, &server.base, 1, 0, data[..MAX_CHUNK].to_vec()).await;
	assert_eq!(status, 200, "{body}");
	assert_eq!(body["received"], MAX_CHUNK as u64);
	// A client that lost track asks where to continue, and is told when it guesses wrong.
	let status =
		json(client.get(format!("{}/v1/orders/1", server.base)).send().await.unwrap()).await;
	assert_eq!(
		(status["received"].as_u64(), status["stored"].as_bool()),
		(Some(MAX_CHUNK as u64), Some(false))
	);
	let (code, body) = put(&client, &server.base, 1, 0, data[..1024].to_vec()).await;
	assert_eq!(code, 409);
	assert!(body["error"].as_str().unwrap().contains(&format!("continues at offset {MAX_CHUNK}")));
	let (code, body) =
		put(&client, &server.base, 1, MAX_CHUNK as u64, data[MAX_CHUNK..].to_vec()).await;
	assert_eq!((code, body["stored"].as_bool()), (200, Some(true)));

	let hex_root = hex::encode(root.as_bytes());
	let leaves =
		client.get(format!("{}/v1/content/{hex_root}/leaves", server.base)).send().await.unwrap();
	let leaves = leaves.bytes().await.unwrap();
	assert_eq!(leaves.len() as u64, tree.segments() * 32);
	let range = client
		.get(format!("{}/v1/content/{hex_root}/segments?from=4095&count=3", server.base))
		.send()
		.await
		.unwrap()
		.bytes()
		.await
		.unwrap();
	assert!(range[..] == data[4095 * 1024..4098 * 1024], "segments 4095 to 4097");
	let proof = json(
		client
			.get(format!("{}/v1/content/{hex_root}/proof/4096", server.base))
			.send()
			.await
			.unwrap(),
	)
	.await;
	let segment = hex::decode(proof["segment"].as_str().unwrap()).unwrap();
	let path: Vec<H256> = proof["path"]
		.as_array()
		.unwrap()
		.iter()
		.map(|h| H256::from_slice(&hex::decode(&h.as_str().unwrap()[2..]).unwrap()))
		.collect();
	verify_segment(&root, data.len() as u64, 4096, &segment, &path).unwrap();

	let metrics =
		client.get(format!("{}/metrics", server.base)).send().await.unwrap().text().await.unwrap();
	assert!(
		metrics.contains(&format!("cpchain_provider_uploaded_bytes_total {}", data.len())),
		"{metrics}"
	);
	let health = client.get(format!("{}/health", server.base)).send().await.unwrap();
	assert_eq!(health.headers()["access-control-allow-origin"], "*", "pages may read");
	let health = json(health).await;
	assert_eq!(
		(health["status"].as_str(), health["stored_bytes"].as_u64()),
		(Some("ok"), Some(data.len() as u64))
	);
}

#[tokio::test]
async fn bad_requests_get_clear_errors() {
	let server = start().await;
	let client = reqwest::Client::new();
	let data = content(3000);
	server.store.add_order(2, MerkleTree::from_data(&data).unwrap().root(), 3000, 1000).unwrap();

	assert_eq!(put(&client, &server.base, 99, 0, data.clone()).await.0, 404, "unknown order");
	assert_eq!(
		put(&client, &server.base, 2, 0, content(4000)).await.0,
		413,
		"more than the order's size"
	);
	assert_eq!(
		put(&client, &server.base, 2, 0, vec![0; MAX_CHUNK + 1]).await.0,
		413,
		"over the request limit"
	);
	let mut wrong = data.clone();
	wrong[2999] ^= 1;
	let (code, body) = put(&client, &server.base, 2, 0, wrong).await;
	assert_eq!(code, 422);
	assert!(body["error"].as_str().unwrap().contains("discarded"));
	let get = |path: &str| client.get(format!("{}{path}", server.base)).send();
	assert_eq!(get("/v1/content/nothex/leaves").await.unwrap().status().as_u16(), 400);
	let unknown = hex::encode([7u8; 32]);
	assert_eq!(get(&format!("/v1/content/{unknown}/leaves")).await.unwrap().status().as_u16(), 404);
	assert_eq!(
		get(&format!("/v1/content/{unknown}/segments?from=0&count=0"))
			.await
			.unwrap()
			.status()
			.as_u16(),
		400
	);
	assert_eq!(get("/v1/orders/abc").await.unwrap().status().as_u16(), 400);
}

#[tokio::test]
async fn a_body_that_never_arrives_times_out() {
	let server = start_with(Duration::from_millis(300)).await;
	let data = content(2048);
	server.store.add_order(3, MerkleTree::from_data(&data).unwrap().root(), 2048, 1000).unwrap();
	// Promise 2048 bytes, send 10, then nothing.
	let address = server.base.trim_start_matches("http://");
	let mut socket = tokio::net::TcpStream::connect(address).await.unwrap();
	let head = format!("PUT /v1/orders/3/data?offset=0 HTTP/1.1\r\nHost: {address}\r\nContent-Length: 2048\r\n\r\n");
	socket.write_all(head.as_bytes()).await.unwrap();
	socket.write_all(&data[..10]).await.unwrap();
	let mut buffer = vec![0u8; 512];
	let n = tokio::io::AsyncReadExt::read(&mut socket, &mut buffer).await.unwrap();
	let answer = String::from_utf8_lossy(&buffer[..n]).into_owned();
	assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
	assert_eq!(server.store.order(3).unwrap().unwrap().received, 0, "nothing of it was stored");
}

/// The buyer's download against real providers: a replica that serves altered bytes is passed
/// over for another, and a download cut short keeps what it had.
#[tokio::test]
async fn downloads_check_every_segment_and_resume() {
	use cpchain_client::{provider_api::ProviderClient, transfer};
	let (good, bad) = (start().await, start().await);
	let data = content(3 * MAX_CHUNK + 777);
	let root = MerkleTree::from_data(&data).unwrap().root();
	for server in [&good, &bad] {
		server.store.add_order(1, root, data.len() as u64, 1000).unwrap();
		for (i, chunk) in data.chunks(MAX_CHUNK).enumerate() {
			let (code, _) = put(
				&reqwest::Client::new(),
				&server.base,
				1,
				(i * MAX_CHUNK) as u64,
				chunk.to_vec(),
			)
			.await;
			assert_eq!(code, 200);
		}
	}
	// Alter one byte of the bad replica's file behind its back (bit rot, or a cheat).
	let stored = bad._dir.path().join(format!("content/{}.data", hex::encode(root.as_bytes())));
	let mut bytes = std::fs::read(&stored).unwrap();
	bytes[MAX_CHUNK + 5] ^= 1;
	std::fs::write(&stored, bytes).unwrap();

	let providers =
		vec![ProviderClient::new(&bad.base).unwrap(), ProviderClient::new(&good.base).unwrap()];
	let out = tempfile::tempdir().unwrap();
	let path = out.path().join("content");
	transfer::download(&providers, root, data.len() as u64, &path, |_| {}).await.unwrap();
	assert!(std::fs::read(&path).unwrap() == data, "the altered range came from the good replica");

	// Cut short after two ranges: resuming keeps them (the second is the one the bad replica
	// altered) and fetches only the rest, so even the bad replica alone completes it.
	let mut partial = data[..2 * MAX_CHUNK].to_vec();
	partial.resize(data.len(), 0);
	std::fs::write(&path, &partial).unwrap();
	transfer::download(&providers[..1], root, data.len() as u64, &path, |_| {}).await.unwrap();
	assert!(std::fs::read(&path).unwrap() == data);
	// From scratch, the bad replica alone cannot give the altered range.
	std::fs::remove_file(&path).unwrap();
	let err = transfer::download(&providers[..1], root, data.len() as u64, &path, |_| {}).await;
	assert!(err.unwrap_err().to_string().contains("does not match its hash"));
}

#[tokio::test]
async fn a_head_that_never_ends_is_cut_off() {
	let server = start().await;
	let address = server.base.trim_start_matches("http://");
	let mut socket = tokio::net::TcpStream::connect(address).await.unwrap();
	socket.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ").await.unwrap();
	let mut buffer = vec![0u8; 512];
	let read = tokio::time::timeout(
		Duration::from_secs(10),
		tokio::io::AsyncReadExt::read(&mut socket, &mut buffer),
	)
	.await
	.expect("the server closes the connection");
	let answer = String::from_utf8_lossy(&buffer[..read.unwrap_or(0)]).into_owned();
	assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 408"), "{answer}");
}
