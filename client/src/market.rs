//! The data market from a client's side: a listing's keys, a buyer's re-encryption key,
//! answering grants (the seller's agent), and reading what a buyer needs to decrypt.

use anyhow::{anyhow, bail, ensure, Context, Result};
use cpchain_primitives::pre::{
	decode_capsule, decode_capsule_frag, decode_public_key, encode_capsule_frag, encode_public_key,
	PublicKeyBytes,
};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use subxt_signer::sr25519::Keypair;
use umbral_pre::{
	Capsule, PublicKey, SecretKey, SecretKeyFactory, Signer, VerifiedCapsuleFrag, VerifiedKeyFrag,
};
use zeroize::Zeroizing;

use crate::{
	chain::{entries, runtime, AccountId32, AtBlock, Chain, Error, H256},
	keystore::{Keystore, Kind},
};
use runtime::runtime_types::bounded_collections::bounded_vec::BoundedVec;

/// The secrets of one dataset's listing: a seed its delegating key (one per listing, so that
/// a key fragment opens nothing else) and the key that signs its key fragments derive from.
#[derive(Serialize, Deserialize)]
pub struct ListingKeys {
	/// 32 random bytes, hex.
	pub seed: String,
	/// The capsule of the data key, hex.
	pub capsule: String,
	/// Root and size of the encrypted content.
	pub root: H256,
	pub size: u64,
	/// The listing id, once listed.
	#[serde(default)]
	pub listing: Option<u64>,
}

/// A fresh 32-byte seed for Umbral keys.
pub fn new_seed() -> Zeroizing<[u8; 32]> {
	let mut seed = Zeroizing::new([0u8; 32]);
	rand::rngs::OsRng.fill_bytes(seed.as_mut());
	seed
}

fn derive(seed_hex: &str, label: &[u8]) -> Result<SecretKey> {
	let seed =
		Zeroizing::new(hex::decode(seed_hex).map_err(|_| anyhow!("a stored seed is not hex"))?);
	let factory = SecretKeyFactory::from_secure_randomness(&seed)
		.map_err(|_| anyhow!("a stored seed is not 32 bytes"))?;
	Ok(factory.make_key(label))
}

impl ListingKeys {
	/// The record of the keys of `seed`, for content sealed in `capsule`.
	pub fn new(seed: &[u8; 32], capsule: &Capsule, root: H256, size: u64) -> Self {
		Self {
			seed: hex::encode(seed),
			capsule: hex::encode(cpchain_primitives::pre::encode_capsule(capsule)),
			root,
			size,
			listing: None,
		}
	}

	/// Keystore name of the keys of content `root`.
	pub fn name(root: &H256) -> String {
		hex::encode(root.as_bytes())
	}

	/// The delegating key of a seed, which capsules are made for.
	pub fn delegating_of(seed: &[u8; 32]) -> Result<SecretKey> {
		derive(&hex::encode(seed), DELEGATING)
	}

	pub fn delegating(&self) -> Result<SecretKey> {
		derive(&self.seed, DELEGATING)
	}

	pub fn signer(&self) -> Result<Signer> {
		Ok(Signer::new(derive(&self.seed, SIGNING)?))
	}

	/// The seed, to encrypt more content (a stream's periods) under the same keys.
	pub fn seed(&self) -> Result<Zeroizing<[u8; 32]>> {
		let bytes = Zeroizing::new(
			hex::decode(&self.seed).map_err(|_| anyhow!("a stored seed is not hex"))?,
		);
		let mut seed = Zeroizing::new([0u8; 32]);
		ensure!(bytes.len() == 32, "a stored seed is not 32 bytes");
		seed.copy_from_slice(&bytes);
		Ok(seed)
	}

	/// The keys of listing `id` in `store`, if it has them.
	pub fn of_listing(store: &Keystore, id: u64) -> Result<Option<Self>> {
		for name in store.names(Kind::Listing)? {
			let keys: Self = store.load(Kind::Listing, &name)?;
			if keys.listing == Some(id) {
				return Ok(Some(keys));
			}
		}
		Ok(None)
	}

	pub fn capsule(&self) -> Result<Capsule> {
		let bytes =
			hex::decode(&self.capsule).map_err(|_| anyhow!("the stored capsule is not hex"))?;
		decode_capsule(&bytes).ok_or_else(|| anyhow!("the stored capsule is not valid"))
	}
}

const DELEGATING: &[u8] = b"cpchain/listing/delegating";
const SIGNING: &[u8] = b"cpchain/listing/signing";

/// An account's Umbral key, which purchases are re-encrypted for. Made on first use.
pub fn pre_key(store: &Keystore, account: &AccountId32) -> Result<SecretKey> {
	#[derive(Serialize, Deserialize)]
	struct PreFile {
		seed: String,
	}
	let name = account.to_string();
	if !store.contains(Kind::Pre, &name) {
		let file = PreFile { seed: hex::encode(new_seed().as_ref()) };
		store.save(Kind::Pre, &name, &file, false)?;
	}
	let file: PreFile = store.load(Kind::Pre, &name)?;
	derive(&file.seed, b"cpchain/pre")
}

/// A grant the seller's agent has to answer.
#[derive(Clone, Debug)]
pub struct GrantRequest {
	pub grant: u64,
	pub listing: u64,
	pub grantee_key: PublicKeyBytes,
	pub threshold: u8,
}

/// How a grant was fulfilled: fragments handed to proxies, and made by the seller itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fulfilment {
	pub by_proxies: usize,
	pub by_seller: usize,
}

/// Answers a grant for `capsule` (the one the grant holds: the dataset's, or the purchased
/// period's). Without `proxies` the seller makes the threshold's fragments and submits them.
/// With them (the listing's delegation, each with the endpoint the seller knows it by), it makes
/// one key fragment per proxy, all of one set, and hands each proxy its own, encrypted to the
/// key the proxy's account vouches for ([`crate::proxy`]); the proxies re-encrypt and submit.
/// For every proxy that cannot be reached or refuses, the seller submits a fragment of the same
/// set itself, up to the threshold, so the buyer is served either way.
pub async fn fulfil(
	chain: &Chain,
	seller: &Keypair,
	keys: &ListingKeys,
	capsule: &Capsule,
	request: &GrantRequest,
	proxies: &[(AccountId32, Option<String>)],
) -> Result<Fulfilment> {
	let grantee = decode_public_key(&request.grantee_key)
		.ok_or_else(|| anyhow!("grant {}: the buyer's key is not a curve point", request.grant))?;
	let threshold = usize::from(request.threshold.max(1));
	if proxies.is_empty() {
		let fragments = fragments_for(keys, capsule, &grantee, request.threshold)?;
		submit_fragments(chain, seller, request.grant, fragments).await?;
		return Ok(Fulfilment { by_proxies: 0, by_seller: threshold });
	}
	let kfrags = key_fragments(keys, &grantee, request.threshold, proxies.len())?;
	let mut handed = 0;
	let mut left = Vec::new();
	for ((account, endpoint), kfrag) in proxies.iter().zip(kfrags) {
		let outcome = match endpoint {
			Some(endpoint) => {
				crate::proxy::hand_over(endpoint, account, request.grant, &kfrag).await
			},
			None => Err(anyhow!("no endpoint given for proxy {account}")),
		};
		match outcome {
			Ok(()) => handed += 1,
			Err(e) => {
				eprintln!("grant {}: proxy {account}: {e:#}", request.grant);
				left.push(kfrag);
			},
		}
	}
	let missing = threshold.saturating_sub(handed);
	if missing > 0 {
		let fragments =
			left.into_iter().take(missing).map(|kfrag| reencrypt(capsule, kfrag)).collect();
		submit_fragments(chain, seller, request.grant, fragments).await?;
	}
	Ok(Fulfilment { by_proxies: handed, by_seller: missing })
}

/// `threshold` encoded fragments re-encrypting `capsule` for `grantee` with the listing's keys.
pub fn fragments_for(
	keys: &ListingKeys,
	capsule: &Capsule,
	grantee: &PublicKey,
	threshold: u8,
) -> Result<Vec<Vec<u8>>> {
	Ok(key_fragments(keys, grantee, threshold, usize::from(threshold))?
		.into_iter()
		.map(|kfrag| reencrypt(capsule, kfrag))
		.collect())
}

/// `shares` key fragments of one set, any `threshold` of which re-encrypt for `grantee`.
pub fn key_fragments(
	keys: &ListingKeys,
	grantee: &PublicKey,
	threshold: u8,
	shares: usize,
) -> Result<Vec<VerifiedKeyFrag>> {
	let (delegating, signer) = (keys.delegating()?, keys.signer()?);
	let threshold = usize::from(threshold.max(1));
	Ok(umbral_pre::generate_kfrags(
		&delegating,
		grantee,
		&signer,
		threshold,
		shares.max(threshold),
		true,
		true,
	)
	.into_vec())
}

/// The encoded fragment re-encrypting `capsule` with `kfrag`.
pub fn reencrypt(capsule: &Capsule, kfrag: VerifiedKeyFrag) -> Vec<u8> {
	encode_capsule_frag(&umbral_pre::reencrypt(capsule, kfrag).unverify())
}

/// Submits encoded `fragments` for `grant`.
pub async fn submit_fragments(
	chain: &Chain,
	signer: &Keypair,
	grant: u64,
	fragments: Vec<Vec<u8>>,
) -> Result<(), Error> {
	let call = runtime::tx()
		.access_grants()
		.submit_fragments(grant, BoundedVec(fragments.into_iter().map(BoundedVec).collect()));
	chain.submit(&call, signer).await.map(|_| ())
}

/// What a buyer needs to decrypt a fulfilled grant: the capsule, the delegating key and the
/// fragments, each verified here again against the grant's keys.
pub struct Access {
	pub capsule: Capsule,
	pub delegating: PublicKey,
	pub cfrags: Vec<VerifiedCapsuleFrag>,
	pub listing: u64,
}

/// The verified fragments of `grant` for `receiving`.
pub async fn access(chain: &Chain, grant: u64, receiving: &PublicKey) -> Result<Access> {
	let at = chain.at().await?;
	let api = runtime::runtime_apis().access_grants_api();
	let details = at
		.runtime_apis()
		.call(api.grant(grant))
		.await?
		.ok_or_else(|| anyhow!("no grant {grant} on chain (pruned, or never made)"))?;
	ensure!(
		details.grantee_key == encode_public_key(receiving),
		"grant {grant} was made for another key than this account's"
	);
	let capsule =
		decode_capsule(&details.sealed.capsule.0).ok_or_else(|| anyhow!("bad capsule on chain"))?;
	let delegating = decode_public_key(&details.sealed.delegating_key)
		.ok_or_else(|| anyhow!("bad delegating key on chain"))?;
	let verifying = decode_public_key(&details.sealed.verifying_key)
		.ok_or_else(|| anyhow!("bad verifying key on chain"))?;
	let mut cfrags = Vec::new();
	for fragment in at.runtime_apis().call(api.fragments(grant)).await? {
		let cfrag = decode_capsule_frag(&fragment.bytes)
			.ok_or_else(|| anyhow!("malformed fragment on chain"))?;
		let verified = cfrag
			.verify(&capsule, &verifying, &delegating, receiving)
			.map_err(|(e, _)| anyhow!("a fragment of grant {grant} does not verify: {e}"))?;
		cfrags.push(verified);
	}
	ensure!(
		cfrags.len() >= usize::from(details.threshold),
		"grant {grant} has {} of {} fragments",
		cfrags.len(),
		details.threshold
	);
	Ok(Access { capsule, delegating, cfrags, listing: details.listing })
}

/// Replicas an order wants, and the providers holding it with their endpoints.
pub async fn holders(at: &AtBlock, order: u64) -> Result<(u32, Vec<(AccountId32, String)>)> {
	let api = runtime::runtime_apis().storage_proofs_api();
	let details = at
		.runtime_apis()
		.call(api.order(order))
		.await?
		.ok_or_else(|| anyhow!("no order {order} on chain"))?;
	let mut holders = Vec::new();
	for (provider, _) in details.replicas {
		if let Some(info) = at.runtime_apis().call(api.provider(provider.clone())).await? {
			holders.push((provider, String::from_utf8_lossy(&info.endpoint.0).into_owned()));
		}
	}
	Ok((details.order.replicas, holders))
}

/// The providers holding content `root`, with their endpoints: those of the most recent order
/// first.
pub async fn locate(chain: &Chain, root: H256) -> Result<Vec<(AccountId32, String)>> {
	let at = chain.at().await?;
	let mut orders: Vec<u64> = entries(&at, runtime::storage().storage_proofs().orders())
		.await?
		.into_iter()
		.filter(|(_, order)| order.root == root && order.filled > 0)
		.map(|((id,), _)| id)
		.collect();
	orders.sort_unstable_by(|a, b| b.cmp(a));
	let mut found = Vec::new();
	for order in orders {
		found.extend(holders(&at, order).await?.1);
	}
	if found.is_empty() {
		bail!("no provider holds content {root:?}");
	}
	Ok(found)
}

/// Reads a listing.
pub async fn listing(
	chain: &Chain,
	id: u64,
) -> Result<runtime::runtime_types::pallet_data_market::types::Listing> {
	let at = chain.at().await?;
	at.runtime_apis()
		.call(runtime::runtime_apis().data_market_api().listing(id))
		.await
		.context("reading the listing")?
		.ok_or_else(|| anyhow!("no listing {id}"))
}
