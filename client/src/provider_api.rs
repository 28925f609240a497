//! A client of a storage provider's HTTP API (see the `cpchain-provider` crate's `http` module).

use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;
use sp_core::H256;

/// Upload state of an order at a provider.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct OrderStatus {
	/// Bytes received and synced.
	pub received: u64,
	/// The whole content is stored and matched the order's root.
	pub stored: bool,
}

/// One provider, at its endpoint.
#[derive(Clone, Debug)]
pub struct ProviderClient {
	http: reqwest::Client,
	base: String,
}

fn hex_root(root: &H256) -> String {
	hex::encode(root.as_bytes())
}

impl ProviderClient {
	/// The provider at `endpoint` (such as `http://127.0.0.1:9955`).
	pub fn new(endpoint: &str) -> Result<Self> {
		let http = reqwest::Client::builder()
			.connect_timeout(Duration::from_secs(10))
			.timeout(Duration::from_secs(60))
			.build()
			.context("HTTP client")?;
		Ok(Self { http, base: endpoint.trim_end_matches('/').to_string() })
	}

	/// The endpoint.
	pub fn endpoint(&self) -> &str {
		&self.base
	}

	async fn check(&self, response: reqwest::Response) -> Result<bytes::Bytes> {
		let status = response.status();
		let body =
			response.bytes().await.with_context(|| format!("{}: reading the answer", self.base))?;
		if status.is_success() {
			return Ok(body);
		}
		let message = serde_json::from_slice::<serde_json::Value>(&body)
			.ok()
			.and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string))
			.unwrap_or_else(|| String::from_utf8_lossy(&body).into_owned());
		bail!("{} answered {status}: {message}", self.base)
	}

	async fn get(&self, path: &str) -> Result<bytes::Bytes> {
		let url = format!("{}{path}", self.base);
		let response =
			self.http.get(&url).send().await.with_context(|| format!("cannot reach {url}"))?;
		self.check(response).await
	}

	/// Upload state of `order`.
	pub async fn order(&self, order: u64) -> Result<OrderStatus> {
		let body = self.get(&format!("/v1/orders/{order}")).await?;
		serde_json::from_slice(&body).map_err(|e| anyhow!("{}: bad order status: {e}", self.base))
	}

	/// Sends the bytes at `offset` of `order`'s content.
	pub async fn upload(&self, order: u64, offset: u64, bytes: Vec<u8>) -> Result<OrderStatus> {
		let url = format!("{}/v1/orders/{order}/data?offset={offset}", self.base);
		let response = self
			.http
			.put(&url)
			.body(bytes)
			.send()
			.await
			.with_context(|| format!("cannot reach {url}"))?;
		let body = self.check(response).await?;
		serde_json::from_slice(&body).map_err(|e| anyhow!("{}: bad upload answer: {e}", self.base))
	}

	/// The leaf hashes of the content `root`.
	pub async fn leaves(&self, root: &H256) -> Result<Vec<H256>> {
		let body = self.get(&format!("/v1/content/{}/leaves", hex_root(root))).await?;
		if body.len() % 32 != 0 {
			bail!("{}: leaves are not 32-byte hashes", self.base);
		}
		Ok(body.chunks(32).map(H256::from_slice).collect())
	}

	/// The bytes of segments `from..from + count` of the content `root`.
	pub async fn segments(&self, root: &H256, from: u64, count: u64) -> Result<bytes::Bytes> {
		self.get(&format!("/v1/content/{}/segments?from={from}&count={count}", hex_root(root)))
			.await
	}
}
