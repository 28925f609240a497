use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use cpchain_primitives::storage::{MAX_PROOF_LEN, SEGMENT_SIZE};
use frame_support::{pallet_prelude::ConstU32, traits::fungible::Inspect, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;

use crate::Config;
pub use cpchain_pallet_support::stake::StakeStatus;

/// Balance of the currency stakes and fees are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Identifier of a storage order, assigned in sequence.
pub type OrderId = u64;
/// Identifier of a challenge, assigned in sequence.
pub type ChallengeId = u64;

/// Most levels the draw list's tree (`DrawWeights`) has: it has at most `u32::MAX` slots.
pub const MAX_DEPTH: u64 = 32;

/// Longest provider endpoint (a URL such as `http://203.0.113.7:9955`).
pub type MaxEndpointLen = ConstU32<256>;
/// Where clients reach a provider.
pub type Endpoint = BoundedVec<u8, MaxEndpointLen>;
/// A segment as sent in a proof: at most [`SEGMENT_SIZE`] bytes.
pub type Segment = BoundedVec<u8, ConstU32<{ SEGMENT_SIZE as u32 }>>;
/// Sibling hashes of a segment, leaf first.
pub type MerklePath = BoundedVec<H256, ConstU32<MAX_PROOF_LEN>>;

/// What a provider has proved and lost so far.
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
	Default,
)]
pub struct ProofStats<Balance> {
	/// Challenges answered with a valid proof.
	pub proved: u64,
	/// Challenges left unanswered until their window closed.
	pub missed: u64,
	/// Replicas the provider was removed from after too many strikes.
	pub evicted: u32,
	/// Stake slashed for missed challenges.
	pub slashed: Balance,
	/// Fees earned.
	pub earned: Balance,
}

/// A registered storage provider.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct ProviderInfo<Balance, BlockNumber> {
	/// Stake held; slashes come out of it. It must cover the collateral of what the provider
	/// keeps to accept more.
	pub stake: Balance,
	/// Bytes the provider offers.
	pub capacity: u64,
	/// Bytes committed to the orders it accepted, in whole segments.
	pub used: u64,
	/// Replicas it holds.
	pub replicas: u32,
	/// Where clients upload and fetch segments.
	pub endpoint: Endpoint,
	/// Active (takes orders) or leaving.
	pub status: StakeStatus<BlockNumber>,
	/// Proof history.
	pub stats: ProofStats<Balance>,
}

/// The provider type of a runtime.
pub type ProviderInfoOf<T> = ProviderInfo<BalanceOf<T>, BlockNumberFor<T>>;

/// A storage order: content the owner pays providers to keep.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Order<AccountId, Balance, BlockNumber, Deposit = ()> {
	/// Who placed the order and holds its fee.
	pub owner: AccountId,
	/// Root of the content's segment tree (`cpchain_primitives::storage`).
	pub root: H256,
	/// Content size in bytes.
	pub size: u64,
	/// Number of segments, `segment_count(size)`.
	pub segments: u64,
	/// Providers wanted.
	pub replicas: u32,
	/// Providers holding it now.
	pub filled: u32,
	/// Fee held from the owner when the order was placed. Each replica earns
	/// `fee / replicas` over the whole duration, pro rata to the time it held the data.
	pub fee: Balance,
	/// Part of the fee paid out so far.
	pub paid: Balance,
	/// Deposit taken from the owner for the order's storage (`()` in the runtime API's view).
	pub deposit: Deposit,
	/// Block the order was placed in.
	pub placed_at: BlockNumber,
	/// Block the order ends at.
	pub ends_at: BlockNumber,
}

/// The order type of a runtime.
pub type StorageOrder<T> = Order<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::OrderDeposit,
>;

impl<AccountId, Balance, BlockNumber, Deposit> Order<AccountId, Balance, BlockNumber, Deposit> {
	/// The order without its deposit ticket, as the runtime API shows it.
	pub fn without_deposit(self) -> Order<AccountId, Balance, BlockNumber> {
		let Order {
			owner,
			root,
			size,
			segments,
			replicas,
			filled,
			fee,
			paid,
			deposit: _,
			placed_at,
			ends_at,
		} = self;
		Order {
			owner,
			root,
			size,
			segments,
			replicas,
			filled,
			fee,
			paid,
			deposit: (),
			placed_at,
			ends_at,
		}
	}
}

/// A provider's place on an order.
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
pub struct Replica<BlockNumber> {
	/// When the provider accepted the order.
	pub accepted_at: BlockNumber,
	/// The provider has been paid for the time up to this block.
	pub paid_until: BlockNumber,
	/// Missed challenges on this order.
	pub strikes: u32,
	/// Position in the list challenges are drawn from (`ReplicaAt`).
	pub slot: u32,
	/// Weight of the replica in challenge draws: the order's segments, or zero once a draw
	/// found the order over.
	pub weight: u64,
}

/// An open challenge: the provider must prove it holds one segment of one order.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Challenge<AccountId, BlockNumber> {
	/// The order challenged.
	pub order: OrderId,
	/// The provider that must answer.
	pub provider: AccountId,
	/// Index of the segment to prove.
	pub segment: u64,
	/// Last block a proof is accepted in.
	pub deadline: BlockNumber,
}

/// The challenge type of a runtime.
pub type ChallengeOf<T> = Challenge<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
