//! `cpchain proxy`: the re-encryption proxy's side of a delegation.

use std::{net::SocketAddr, sync::Arc};

use anyhow::{anyhow, Context as _, Result};
use axum::{
	extract::State,
	http::StatusCode,
	response::{IntoResponse, Response},
	routing::{get, post},
	Json, Router,
};
use clap::Subcommand;
use cpchain_client::{
	account::{self, format_amount, parse_amount},
	chain::{runtime, AccountId32, Chain, Error as ChainError},
	market,
	proxy::{KeyAnnouncement, SealedKeyFrag},
};
use cpchain_primitives::pre::{decode_capsule, decode_public_key};
use serde_json::json;
use subxt_signer::sr25519::Keypair;
use umbral_pre::SecretKey;

use super::Context;

#[derive(Subcommand)]
pub enum Command {
	/// Register the account as a re-encryption proxy, holding a stake that faulty fragments
	/// are slashed from.
	Register {
		/// The proxy's account: keystore name or dev URI.
		#[arg(long)]
		account: String,
		/// Stake in CPC (at least the chain's minimum, 100 CPC).
		#[arg(long, default_value = "100")]
		stake: String,
	},
	/// Serve sellers: take their encrypted key fragments, check each against its grant on
	/// chain, re-encrypt the grant's capsule and submit the fragment. Runs until stopped.
	///
	/// `GET /v1/key` gives the proxy's Umbral key signed by its account; `POST /v1/kfrags`
	/// takes a key fragment encrypted to it.
	Run {
		/// The proxy's account: keystore name or dev URI.
		#[arg(long)]
		account: String,
		/// Address to listen on.
		#[arg(long, default_value = "127.0.0.1:9960")]
		listen: SocketAddr,
	},
}

struct Proxy {
	chain: Chain,
	signer: Keypair,
	secret: SecretKey,
	announcement: KeyAnnouncement,
}

pub async fn run(command: Command, cx: &Context) -> Result<()> {
	match command {
		Command::Register { account, stake } => {
			let signer = account::signer(&cx.keystore, &account)?;
			let stake = parse_amount(&stake)?;
			let chain = cx.chain().await?;
			chain.submit(&runtime::tx().access_grants().register_proxy(stake), &signer).await?;
			cx.print(
				format!(
					"{} is a proxy with {} staked",
					account::account_id(&signer),
					format_amount(stake)
				),
				json!({ "proxy": account::account_id(&signer).to_string(), "stake": stake.to_string() }),
			);
		},
		Command::Run { account, listen } => {
			let signer = account::signer(&cx.keystore, &account)?;
			let me: AccountId32 = account::account_id(&signer);
			let secret = market::pre_key(&cx.keystore, &me)?;
			let announcement = KeyAnnouncement::new(&signer, &secret.public_key());
			let chain = cx.chain().await?;
			let proxy = Arc::new(Proxy { chain, signer, secret, announcement });
			let app = Router::new()
				.route(
					"/v1/key",
					get(|State(p): State<Arc<Proxy>>| async move { Json(p.announcement.clone()) }),
				)
				.route("/v1/kfrags", post(take))
				.with_state(proxy);
			let listener = tokio::net::TcpListener::bind(listen)
				.await
				.with_context(|| format!("cannot listen on {listen}"))?;
			eprintln!("proxy {me}: taking key fragments on {listen}");
			axum::serve(listener, app).await.context("HTTP server")?;
		},
	}
	Ok(())
}

fn refuse(status: StatusCode, message: impl std::fmt::Display) -> Response {
	(status, Json(json!({ "error": message.to_string() }))).into_response()
}

async fn take(State(proxy): State<Arc<Proxy>>, Json(sealed): Json<SealedKeyFrag>) -> Response {
	match reencrypt(&proxy, &sealed).await {
		Ok(()) => {
			eprintln!("grant {}: fragment submitted", sealed.grant);
			Json(json!({ "grant": sealed.grant, "submitted": true })).into_response()
		},
		Err(e) => {
			eprintln!("grant {}: {e:#}", sealed.grant);
			let status = match e.downcast_ref::<ChainError>() {
				Some(ChainError::Rejected { .. }) => StatusCode::CONFLICT,
				Some(_) => StatusCode::BAD_GATEWAY,
				None => StatusCode::UNPROCESSABLE_ENTITY,
			};
			refuse(status, format!("{e:#}"))
		},
	}
}

/// Opens the key fragment, checks it against the grant's keys, and submits the re-encryption.
async fn reencrypt(proxy: &Proxy, sealed: &SealedKeyFrag) -> Result<()> {
	let kfrag = sealed.open(&proxy.secret)?;
	let at = proxy.chain.at().await?;
	let grant = at
		.runtime_apis()
		.call(runtime::runtime_apis().access_grants_api().grant(sealed.grant))
		.await?
		.ok_or_else(|| anyhow!("no grant {}", sealed.grant))?;
	let key = |bytes: &[u8; 33]| {
		decode_public_key(bytes).ok_or_else(|| anyhow!("malformed key on chain"))
	};
	let (verifying, delegating, receiving) = (
		key(&grant.sealed.verifying_key)?,
		key(&grant.sealed.delegating_key)?,
		key(&grant.grantee_key)?,
	);
	let kfrag = kfrag
		.verify(&verifying, Some(&delegating), Some(&receiving))
		.map_err(|(e, _)| anyhow!("the key fragment is not for this grant: {e}"))?;
	let capsule = decode_capsule(&grant.sealed.capsule.0)
		.ok_or_else(|| anyhow!("malformed capsule on chain"))?;
	let fragment = market::reencrypt(&capsule, kfrag);
	market::submit_fragments(&proxy.chain, &proxy.signer, sealed.grant, vec![fragment]).await?;
	Ok(())
}
