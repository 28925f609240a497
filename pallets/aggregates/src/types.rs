use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use cpchain_primitives::aggregates::{
	CiphertextBytes, ElementBytes, MAX_COMMITTEE, MAX_POSSESSION_PROOF_LEN, MAX_RANGE_PROOF_LEN,
};
use frame_support::{pallet_prelude::ConstU32, traits::fungible::Inspect, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

use crate::Config;

/// Balance of the currency budgets, bonds and deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Identifier of a campaign, assigned in sequence.
pub type CampaignId = u64;
/// Index of a window in its campaign, from 0.
pub type WindowIndex = u32;
/// Index of a member in its committee, from 0: the share key of member `i` is the joint
/// polynomial's value at `i + 1`.
pub type MemberIndex = u32;

/// Most members a committee may have.
pub type MaxCommittee = ConstU32<MAX_COMMITTEE>;
/// Longest metric name.
pub type MaxMetricLen = ConstU32<64>;
/// What a campaign measures, for people (`harsh-braking-per-100km`, `speed-kmh`).
pub type Metric = BoundedVec<u8, MaxMetricLen>;
/// A contribution's range proof in JSON, as elastic-elgamal's serde support writes it (its
/// flattened ring proof rules out postcard).
pub type RangeProofBytes = BoundedVec<u8, ConstU32<MAX_RANGE_PROOF_LEN>>;
/// A proof of possession (of a polynomial or a share key), postcard-encoded.
pub type PossessionProofBytes = BoundedVec<u8, ConstU32<MAX_POSSESSION_PROOF_LEN>>;
/// A public polynomial's coefficients, lowest first, or the committee's sum of them.
pub type Polynomial = BoundedVec<ElementBytes, MaxCommittee>;
/// A member's secret shares for every member, each sealed for its recipient (the sender's
/// own slot is ignored).
pub type SealedShares = BoundedVec<[u8; 32], MaxCommittee>;

/// Where a campaign stands.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum Phase {
	/// Key generation, step 1: every member commits to its key share.
	Commitments,
	/// Step 2: every member publishes its public polynomial and sealed shares.
	Polynomials,
	/// Step 3: every member proves it holds its share key.
	Confirmations,
	/// The joint key is made: devices contribute, the committee decrypts window sums.
	Active,
	/// Every window is closed.
	Finished,
	/// The key generation did not finish before the first window.
	Cancelled,
}

impl Phase {
	/// Whether the campaign is over: its records may be reaped.
	pub fn is_over(&self) -> bool {
		matches!(self, Phase::Finished | Phase::Cancelled)
	}
}

/// A committee member: its bond and its part in the key generation and the decryptions.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Member<AccountId, Balance> {
	/// The member's account.
	pub account: AccountId,
	/// What is held of its bond (`MemberBond` once it commits, less slashes).
	pub bond: Balance,
	/// Its commitment to its key share (step 1).
	pub commitment: Option<[u8; 32]>,
	/// The key other members seal its shares for (step 1).
	pub transport_key: Option<ElementBytes>,
	/// Whether it published its polynomial (step 2).
	pub published: bool,
	/// Its share key, once every polynomial is in.
	pub share_key: Option<ElementBytes>,
	/// Whether it proved it holds its share key (step 3).
	pub confirmed: bool,
	/// Steps and windows it let pass without acting.
	pub strikes: u32,
}

/// A campaign.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Campaign<AccountId, Balance, BlockNumber> {
	/// Who created it and funds it.
	pub creator: AccountId,
	/// What it measures.
	pub metric: Metric,
	/// Contributions are values in `0..=max_value`.
	pub max_value: u64,
	/// First block of the first window; the key generation must be done by then.
	pub start: BlockNumber,
	/// Blocks per window.
	pub window_length: BlockNumber,
	/// Number of windows.
	pub windows: u32,
	/// Paid to a device's owner for each accepted contribution.
	pub reward: Balance,
	/// What is left of the creator's held budget.
	pub budget: Balance,
	/// The creator's storage deposit, held: for the campaign and its windows, and for each
	/// device record of its contributions.
	pub deposit: Balance,
	/// Shares needed to decrypt a window's sum.
	pub threshold: u32,
	/// The committee.
	pub members: BoundedVec<Member<AccountId, Balance>, MaxCommittee>,
	/// Where it stands.
	pub phase: Phase,
	/// The sum of the published polynomials (during the key generation).
	pub polynomial: Polynomial,
	/// The joint public key devices encrypt for, once made.
	pub key: Option<ElementBytes>,
	/// Windows closed so far.
	pub windows_closed: u32,
}

impl<AccountId: PartialEq, Balance, BlockNumber> Campaign<AccountId, Balance, BlockNumber> {
	/// `who`'s index in the committee, or `NotMember`.
	pub fn member_index<T>(&self, who: &AccountId) -> Result<usize, crate::Error<T>> {
		self.members.iter().position(|m| &m.account == who).ok_or(crate::Error::<T>::NotMember)
	}
}

/// The campaign record of a runtime.
pub type CampaignOf<T> =
	Campaign<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// A window's encrypted sum, its decryption shares and, once decrypted, its total.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Window {
	/// Sum of the accepted contributions' ciphertexts.
	pub sum: CiphertextBytes,
	/// Number of accepted contributions.
	pub count: u32,
	/// Verified decryption shares of `sum`: `(member, x_i·R)`.
	pub shares: BoundedVec<(MemberIndex, ElementBytes), MaxCommittee>,
	/// The decrypted total, once submitted and checked.
	pub total: Option<u64>,
	/// Whether the window was closed (its absent members struck).
	pub closed: bool,
}

impl Window {
	/// An empty window: the encryption of 0 without blinding, no contributions.
	pub fn empty() -> Self {
		Window {
			sum: cpchain_primitives::aggregates::ZERO_CIPHERTEXT,
			count: 0,
			shares: BoundedVec::new(),
			total: None,
			closed: false,
		}
	}
}

/// What the benchmarks need of the runtime: devices, from the device registry.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// An active device of `owner` with `key`.
	fn device(
		owner: &AccountId,
		key: cpchain_primitives::device::DeviceKey,
	) -> cpchain_primitives::device::DeviceId;
}
