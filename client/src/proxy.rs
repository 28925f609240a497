//! Re-encryption proxies: how a seller hands a proxy its key fragment.
//!
//! A seller who set a delegation for a listing (`set_delegation`: proxies and a threshold) makes
//! one key fragment per proxy for each grant, all of one set, and sends each proxy its own,
//! encrypted to it, over the proxy's HTTP endpoint:
//!
//! * `GET /v1/key` answers a [`KeyAnnouncement`]: the proxy's Umbral public key, signed by its
//!   sr25519 account (the one registered with `register_proxy` and named in the delegation), so
//!   that a seller never encrypts a key fragment to a key the account did not vouch for;
//! * `POST /v1/kfrags` takes a [`SealedKeyFrag`]: the key fragment (postcard) encrypted with
//!   `umbral_pre::encrypt` to that key. The proxy opens it, checks it against the grant's keys
//!   on chain, re-encrypts the grant's capsule and submits the fragment itself.
//!
//! Key fragments never travel or rest in the clear, and never go on chain.

use anyhow::{anyhow, ensure, Result};
use cpchain_primitives::pre::{decode_public_key, encode_public_key};
use serde::{Deserialize, Serialize};
use subxt_signer::sr25519::{self, Keypair};
use umbral_pre::{KeyFrag, PublicKey, SecretKey, VerifiedKeyFrag};

use crate::chain::AccountId32;

/// Domain tag of a proxy's key announcement.
pub const KEY_TAG: &[u8] = b"cpchain/proxy/key/1";

/// A proxy's Umbral public key, vouched for by its account.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct KeyAnnouncement {
	/// The proxy's account, SS58.
	pub account: String,
	/// Its Umbral public key, compressed, hex.
	pub key: String,
	/// The account's sr25519 signature over `KEY_TAG ++ account ++ key`, hex.
	pub signature: String,
}

fn key_message(account: &AccountId32, key: &[u8]) -> Vec<u8> {
	[KEY_TAG, &account.0[..], key].concat()
}

impl KeyAnnouncement {
	/// The announcement of `key` by `account`.
	pub fn new(account: &Keypair, key: &PublicKey) -> Self {
		let id = crate::account::account_id(account);
		let key = encode_public_key(key);
		let signature = account.sign(&key_message(&id, &key));
		Self { account: id.to_string(), key: hex::encode(key), signature: hex::encode(signature.0) }
	}

	/// The announced key, if `expected` signed it.
	pub fn verify(&self, expected: &AccountId32) -> Result<PublicKey> {
		ensure!(
			self.account == expected.to_string(),
			"the proxy answered for {} instead",
			self.account
		);
		let key: [u8; 33] = hex::decode(&self.key)
			.ok()
			.and_then(|k| k.try_into().ok())
			.ok_or_else(|| anyhow!("the proxy's key is not 33 bytes of hex"))?;
		let signature: [u8; 64] = hex::decode(&self.signature)
			.ok()
			.and_then(|s| s.try_into().ok())
			.ok_or_else(|| anyhow!("the proxy's signature is not 64 bytes of hex"))?;
		let valid = sr25519::verify(
			&sr25519::Signature(signature),
			key_message(expected, &key),
			&sr25519::PublicKey(expected.0),
		);
		ensure!(valid, "the proxy's key is not signed by its account");
		decode_public_key(&key).ok_or_else(|| anyhow!("the proxy's key is not a curve point"))
	}
}

/// A key fragment for one grant, encrypted to one proxy.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SealedKeyFrag {
	/// The grant the fragment is for.
	pub grant: u64,
	/// Umbral capsule of the encryption, hex (`cpchain_primitives::pre` bytes).
	pub capsule: String,
	/// The encrypted key fragment, hex.
	pub ciphertext: String,
}

impl SealedKeyFrag {
	/// `kfrag` for `grant`, encrypted to `proxy`.
	pub fn seal(grant: u64, kfrag: &KeyFrag, proxy: &PublicKey) -> Result<Self> {
		let bytes = postcard::to_allocvec(kfrag)
			.map_err(|e| anyhow!("cannot encode a key fragment: {e}"))?;
		let (capsule, ciphertext) = umbral_pre::encrypt(proxy, &bytes)
			.map_err(|e| anyhow!("cannot encrypt a key fragment: {e}"))?;
		Ok(Self {
			grant,
			capsule: hex::encode(cpchain_primitives::pre::encode_capsule(&capsule)),
			ciphertext: hex::encode(ciphertext),
		})
	}

	/// The key fragment, opened with the proxy's secret key. It still has to be verified
	/// against the grant's keys.
	pub fn open(&self, secret: &SecretKey) -> Result<KeyFrag> {
		let capsule = hex::decode(&self.capsule)
			.ok()
			.and_then(|c| cpchain_primitives::pre::decode_capsule(&c))
			.ok_or_else(|| anyhow!("the sealed key fragment's capsule is malformed"))?;
		let ciphertext =
			hex::decode(&self.ciphertext).map_err(|_| anyhow!("the ciphertext is not hex"))?;
		let bytes = umbral_pre::decrypt_original(secret, &capsule, ciphertext)
			.map_err(|_| anyhow!("the key fragment was not encrypted to this proxy"))?;
		postcard::from_bytes(&bytes).map_err(|_| anyhow!("the sealed bytes are not a key fragment"))
	}
}

/// Hands `kfrag` for `grant` to the proxy `account` at `endpoint`: fetches the key the
/// account vouches for, encrypts the fragment to it and posts it. Returns once the proxy has
/// submitted its re-encryption to the chain.
pub async fn hand_over(
	endpoint: &str,
	account: &AccountId32,
	grant: u64,
	kfrag: &VerifiedKeyFrag,
) -> Result<()> {
	let http = reqwest::Client::builder()
		.connect_timeout(std::time::Duration::from_secs(5))
		.timeout(std::time::Duration::from_secs(150))
		.build()?;
	let base = endpoint.trim_end_matches('/');
	let body = http.get(format!("{base}/v1/key")).send().await?.error_for_status()?.bytes().await?;
	let announced: KeyAnnouncement = serde_json::from_slice(&body)
		.map_err(|_| anyhow!("{base}/v1/key is not a key announcement"))?;
	let key = announced.verify(account)?;
	let sealed = SealedKeyFrag::seal(grant, &kfrag.clone().unverify(), &key)?;
	let response = http
		.post(format!("{base}/v1/kfrags"))
		.header("content-type", "application/json")
		.body(serde_json::to_vec(&sealed)?)
		.send()
		.await?;
	let status = response.status();
	if !status.is_success() {
		let text = response.text().await.unwrap_or_default();
		anyhow::bail!("{base} answered {status}: {text}");
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use umbral_pre::Signer;

	#[test]
	fn a_key_is_trusted_only_from_its_account() {
		let (proxy, other) = (
			crate::account::keypair("//Eve").unwrap(),
			crate::account::keypair("//Ferdie").unwrap(),
		);
		let key = SecretKey::random();
		let announced = KeyAnnouncement::new(&proxy, &key.public_key());
		let eve = crate::account::account_id(&proxy);
		assert_eq!(announced.verify(&eve).unwrap(), key.public_key());
		assert!(announced.verify(&crate::account::account_id(&other)).is_err());
		let mut forged = announced.clone();
		forged.key = hex::encode(encode_public_key(&SecretKey::random().public_key()));
		assert!(forged.verify(&eve).unwrap_err().to_string().contains("not signed"));
	}

	#[test]
	fn only_the_proxy_opens_its_key_fragment() {
		let (delegating, receiving, proxy) =
			(SecretKey::random(), SecretKey::random(), SecretKey::random());
		let signer = Signer::new(SecretKey::random());
		let kfrags = umbral_pre::generate_kfrags(
			&delegating,
			&receiving.public_key(),
			&signer,
			2,
			3,
			true,
			true,
		);
		let kfrag = kfrags[1].clone().unverify();
		let sealed = SealedKeyFrag::seal(7, &kfrag, &proxy.public_key()).unwrap();
		let opened = sealed.open(&proxy).unwrap();
		assert!(opened
			.verify(
				&signer.verifying_key(),
				Some(&delegating.public_key()),
				Some(&receiving.public_key())
			)
			.is_ok());
		assert!(sealed.open(&SecretKey::random()).is_err());
		assert!(!sealed
			.ciphertext
			.contains(&hex::encode(&postcard::to_allocvec(&kfrag).unwrap()[..16])));
	}
}
