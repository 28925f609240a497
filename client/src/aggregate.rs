//! Aggregates: a campaign's terms and state from the chain, a committee member's key material
//! kept between the steps of the key generation, and the decryption of window totals.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context as _, Result};
use cpchain_primitives::aggregates::{
	client::{decrypted_element, discrete_log, secret_bytes, KeyMember},
	elastic_elgamal::{
		group::Ristretto,
		sharing::{ActiveParticipant, Params, PublicKeySet},
		PublicKey, SecretKey,
	},
	params, ElementBytes,
};
use serde::{Deserialize, Serialize};

use crate::{
	chain::{runtime, AccountId32, Chain},
	keystore::{write_private, Keystore},
};

/// A campaign as the runtime API gives it.
pub type Details =
	runtime::runtime_types::pallet_aggregates::runtime_api::CampaignDetails<AccountId32, u128, u32>;
/// A campaign's record.
pub type Campaign =
	runtime::runtime_types::pallet_aggregates::types::Campaign<AccountId32, u128, u32>;
/// Where a campaign stands.
pub use runtime::runtime_types::pallet_aggregates::types::Phase;
/// A window's record.
pub type Window = runtime::runtime_types::pallet_aggregates::types::Window;

/// The campaign `id`, or an error naming it.
pub async fn details(chain: &Chain, id: u64) -> Result<Details> {
	chain
		.at()
		.await?
		.runtime_apis()
		.call(runtime::runtime_apis().aggregates_api().campaign(id))
		.await?
		.ok_or_else(|| anyhow!("no campaign {id} on this chain"))
}

/// Window `window` of campaign `id`, if it has a record.
pub async fn window(chain: &Chain, id: u64, window: u32) -> Result<Option<Window>> {
	Ok(chain
		.at()
		.await?
		.runtime_apis()
		.call(runtime::runtime_apis().aggregates_api().window(id, window))
		.await?)
}

/// The scheme of a campaign's committee.
pub fn scheme(campaign: &Campaign) -> Result<Params> {
	params(campaign.members.0.len() as u32, campaign.threshold)
		.ok_or_else(|| anyhow!("the campaign's threshold does not fit its committee"))
}

/// `account`'s index in the campaign's committee.
pub fn member_index(campaign: &Campaign, account: &AccountId32) -> Result<u32> {
	campaign
		.members
		.0
		.iter()
		.position(|m| &m.account == account)
		.map(|i| i as u32)
		.ok_or_else(|| anyhow!("{account} is not in the campaign's committee"))
}

/// A member's key material for one campaign, kept in the keystore between the steps: its
/// polynomial (until the key is made), then its secret share of the joint key.
#[derive(Serialize, Deserialize)]
pub struct MemberFile {
	/// The campaign.
	pub campaign: u64,
	/// The member's index in the committee.
	pub index: u32,
	/// `KeyMember::to_bytes`, hex.
	pub member: String,
	/// Its secret share of the joint key once made, hex.
	#[serde(default)]
	pub secret: Option<String>,
}

fn member_path(store: &Keystore, campaign: u64, account: &AccountId32) -> Result<PathBuf> {
	let dir = store.root().join("aggregates");
	std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
	Ok(dir.join(format!("{campaign}-{account}.json")))
}

/// The member file of `account` for `campaign`, if there is one.
pub fn load_member(
	store: &Keystore,
	campaign: u64,
	account: &AccountId32,
) -> Result<Option<MemberFile>> {
	let path = member_path(store, campaign, account)?;
	match std::fs::read(&path) {
		Ok(bytes) => Ok(Some(
			serde_json::from_slice(&bytes)
				.with_context(|| format!("{} is not a member file", path.display()))?,
		)),
		Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
		Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
	}
}

/// Writes a member file (readable by its owner only).
pub fn save_member(store: &Keystore, account: &AccountId32, file: &MemberFile) -> Result<()> {
	let path = member_path(store, file.campaign, account)?;
	write_private(&path, &serde_json::to_vec_pretty(file)?)
}

impl MemberFile {
	/// The member's side of the key generation.
	pub fn key_member(&self) -> Result<KeyMember> {
		let bytes = hex::decode(&self.member).context("the member file is not hex")?;
		KeyMember::from_bytes(&bytes).ok_or_else(|| anyhow!("the member file is damaged"))
	}

	/// Keeps the secret share of an active member.
	pub fn set_active(&mut self, active: &ActiveParticipant<Ristretto>) {
		self.secret = Some(hex::encode(secret_bytes(active.secret_share())));
	}

	/// The active member, with the share keys the chain derived.
	pub fn active(&self, campaign: &Campaign) -> Result<ActiveParticipant<Ristretto>> {
		let secret = self.secret.as_deref().ok_or_else(|| {
			anyhow!("this member has no share of the key yet (cpchain aggregate keygen)")
		})?;
		let secret = hex::decode(secret).ok().and_then(|b| SecretKey::from_bytes(&b));
		let secret = secret.ok_or_else(|| anyhow!("the member file's secret share is damaged"))?;
		let keys = share_keys(campaign)?
			.iter()
			.map(|k| {
				PublicKey::from_bytes(k)
					.map_err(|_| anyhow!("a share key on chain does not decode"))
			})
			.collect::<Result<Vec<_>>>()?;
		let key_set = PublicKeySet::from_participants(scheme(campaign)?, keys)
			.map_err(|e| anyhow!("the chain's share keys are inconsistent: {e}"))?;
		ActiveParticipant::new(key_set, self.index as usize, secret).map_err(|_| {
			anyhow!("the member file's secret share does not match this member's share key")
		})
	}
}

/// The members' share keys, once every polynomial is in.
pub fn share_keys(campaign: &Campaign) -> Result<Vec<ElementBytes>> {
	campaign
		.members
		.0
		.iter()
		.map(|m| m.share_key.ok_or_else(|| anyhow!("the share keys are not derived yet")))
		.collect()
}

/// The total a window's sum decrypts to, from the shares on chain: combined, then its discrete
/// logarithm searched up to `count × max_value`.
pub fn window_total(campaign: &Campaign, window: &Window) -> Result<u64> {
	let params = scheme(campaign)?;
	let shares = &window.shares.0;
	if shares.len() < params.threshold {
		bail!("{} of the {} decryption shares needed are on chain", shares.len(), params.threshold);
	}
	let element = decrypted_element(params, &window.sum, &shares[..params.threshold])
		.ok_or_else(|| anyhow!("the window's shares do not combine"))?;
	let max = u64::from(window.count).saturating_mul(campaign.max_value);
	discrete_log(&element, max).ok_or_else(|| {
		anyhow!("the sum decrypts to no total up to {max}: a share on chain is wrong")
	})
}
