use crate::{mock::*, *};
use cpchain_primitives::storage::{segment_count, MerkleTree, EMPTY_NODE, SEGMENT_SIZE};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
	BoundedVec,
};
use sp_core::H256;
use sp_runtime::traits::BadOrigin;

type Error = crate::Error<Test>;

const CAPACITY: u64 = 1 << 20;
const DURATION: u64 = 100;
const FEE: u64 = 30_000;

/// Content in which no two segments are alike.
fn content(len: usize, salt: u8) -> Vec<u8> {
	(0..len as u32)
		.map(|i| ((i ^ (u32::from(salt) << 20)).wrapping_mul(2_654_435_761) >> 24) as u8)
		.collect()
}

fn endpoint(s: &str) -> Endpoint {
	BoundedVec::truncate_from(s.as_bytes().to_vec())
}

fn register(provider: u64) {
	assert_ok!(StorageProofs::register_provider(
		RuntimeOrigin::signed(provider),
		MIN_STAKE,
		CAPACITY,
		endpoint("http://127.0.0.1:9955"),
	));
}

/// Places an order for `data` lasting `DURATION` and returns its id.
fn place(data: &[u8], replicas: u32, fee: u64) -> OrderId {
	place_for(data, replicas, DURATION, fee)
}

fn place_for(data: &[u8], replicas: u32, duration: u64, fee: u64) -> OrderId {
	let tree = MerkleTree::from_data(data).unwrap();
	let id = NextOrderId::<Test>::get();
	assert_ok!(StorageProofs::place_order(
		RuntimeOrigin::signed(OWNER),
		tree.root(),
		data.len() as u64,
		tree.segments(),
		replicas,
		duration,
		fee,
	));
	id
}

/// The one open challenge of `provider`.
fn challenge_of(provider: u64) -> (ChallengeId, ChallengeOf<Test>) {
	let open = StorageProofs::open_challenges(&provider);
	assert_eq!(open.len(), 1, "provider {provider} has {} open challenges", open.len());
	open[0].clone()
}

/// Segment `segment` of `data` and its Merkle path.
fn proof_for(data: &[u8], segment: u64) -> (Segment, MerklePath) {
	let tree = MerkleTree::from_data(data).unwrap();
	let start = (segment * SEGMENT_SIZE) as usize;
	let end = (start + SEGMENT_SIZE as usize).min(data.len());
	(
		BoundedVec::truncate_from(data[start..end].to_vec()),
		BoundedVec::truncate_from(tree.proof(segment).unwrap()),
	)
}

fn answer(provider: u64, data: &[u8]) {
	let (id, challenge) = challenge_of(provider);
	let (segment, path) = proof_for(data, challenge.segment);
	assert_ok!(StorageProofs::submit_proof(RuntimeOrigin::signed(provider), id, segment, path));
}

fn held(who: u64, reason: HoldReason) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::StorageProofs(reason), &who)
}

fn stake_of(provider: u64) -> u64 {
	Providers::<Test>::get(provider).unwrap().stake
}

fn events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::StorageProofs(event) => Some(event),
			_ => None,
		})
		.collect()
}

#[test]
fn providers_register_update_bond_and_leave() {
	new_test_ext().execute_with(|| {
		register(P1);
		assert_eq!(held(P1, HoldReason::ProviderStake), MIN_STAKE);
		assert_ok!(StorageProofs::update_provider(
			RuntimeOrigin::signed(P1),
			2 * CAPACITY,
			endpoint("https://p1.example"),
		));
		assert_ok!(StorageProofs::bond_extra(RuntimeOrigin::signed(P1), 500));
		let info = Providers::<Test>::get(P1).unwrap();
		assert_eq!(
			(info.stake, info.capacity, info.endpoint),
			(MIN_STAKE + 500, 2 * CAPACITY, endpoint("https://p1.example"))
		);
		assert_eq!(held(P1, HoldReason::ProviderStake), MIN_STAKE + 500);

		assert_ok!(StorageProofs::unregister_provider(RuntimeOrigin::signed(P1)));
		System::assert_last_event(
			crate::Event::ProviderLeaving { provider: P1, unbonds_at: 1 + UNBONDING }.into(),
		);
		run_to_block(1 + UNBONDING);
		assert_ok!(StorageProofs::withdraw_stake(RuntimeOrigin::signed(P1)));
		System::assert_last_event(
			crate::Event::ProviderRemoved { provider: P1, stake: MIN_STAKE + 500 }.into(),
		);
		assert!(Providers::<Test>::get(P1).is_none());
		assert_eq!(held(P1, HoldReason::ProviderStake), 0);
		assert_eq!(Balances::balance(&P1), INITIAL_BALANCE);
	});
}

#[test]
fn provider_errors_change_nothing() {
	new_test_ext().execute_with(|| {
		let origin = || RuntimeOrigin::signed(P1);
		let ep = endpoint("x");
		assert_noop!(
			StorageProofs::register_provider(RuntimeOrigin::none(), MIN_STAKE, 1, ep.clone()),
			BadOrigin
		);
		assert_noop!(
			StorageProofs::register_provider(origin(), MIN_STAKE - 1, 1, ep.clone()),
			Error::StakeTooLow
		);
		assert_noop!(
			StorageProofs::register_provider(RuntimeOrigin::signed(POOR), MIN_STAKE, 1, ep.clone()),
			Error::InsufficientBalance
		);
		assert_noop!(
			StorageProofs::update_provider(origin(), 1, ep.clone()),
			Error::UnknownProvider
		);
		assert_noop!(StorageProofs::bond_extra(origin(), 1), Error::UnknownProvider);
		assert_noop!(StorageProofs::unregister_provider(origin()), Error::UnknownProvider);
		assert_noop!(StorageProofs::withdraw_stake(origin()), Error::UnknownProvider);

		register(P1);
		assert_noop!(
			StorageProofs::register_provider(origin(), MIN_STAKE, 1, ep.clone()),
			Error::AlreadyProvider
		);
		assert_noop!(
			StorageProofs::bond_extra(origin(), INITIAL_BALANCE),
			Error::InsufficientBalance
		);
		assert_noop!(StorageProofs::withdraw_stake(origin()), Error::NotLeaving);
		let order = place(&content(5000, 1), 1, FEE);
		assert_ok!(StorageProofs::accept_order(origin(), order));
		assert_noop!(
			StorageProofs::update_provider(origin(), 4999, ep.clone()),
			Error::CapacityBelowUsed
		);

		assert_ok!(StorageProofs::unregister_provider(origin()));
		assert_noop!(StorageProofs::unregister_provider(origin()), Error::ProviderLeaving);
		assert_noop!(StorageProofs::withdraw_stake(origin()), Error::UnbondingNotOver);
		run_to_block(1 + UNBONDING);
		// Still holds a replica: it must keep it until the order ends.
		assert_noop!(StorageProofs::withdraw_stake(origin()), Error::ProviderHasReplicas);
	});
}

#[test]
fn place_order_holds_fee_and_deposit() {
	new_test_ext().execute_with(|| {
		let data = content(3000, 7);
		let root = MerkleTree::from_data(&data).unwrap().root();
		let order = place(&data, 2, FEE);
		System::assert_last_event(
			crate::Event::OrderPlaced {
				order,
				owner: OWNER,
				root,
				size: 3000,
				replicas: 2,
				fee: FEE,
				ends_at: 1 + DURATION,
			}
			.into(),
		);
		assert_eq!(held(OWNER, HoldReason::OrderFee), FEE);
		assert_eq!(held(OWNER, HoldReason::OrderDeposit), ORDER_DEPOSIT);
		assert_eq!(StorageProofs::orders_of(&OWNER), vec![order]);
		let details = StorageProofs::order(order).unwrap();
		assert_eq!((details.order.segments, details.order.filled), (3, 0));
	});
}

#[test]
fn place_order_errors_change_nothing() {
	new_test_ext().execute_with(|| {
		let place = |size: u64, segments: u64, replicas: u32, duration: u64, fee: u64| {
			StorageProofs::place_order(
				RuntimeOrigin::signed(OWNER),
				H256::repeat_byte(1),
				size,
				segments,
				replicas,
				duration,
				fee,
			)
		};
		assert_noop!(place(2048, 2, 0, 10, 1), Error::ZeroReplicas);
		assert_noop!(place(2048, 2, MAX_REPLICAS + 1, 10, 1), Error::TooManyReplicas);
		assert_noop!(place(2048, 2, 1, 0, 1), Error::ZeroDuration);
		assert_noop!(place(2048, 2, 1, 1_001, 1), Error::DurationTooLong);
		assert_noop!(place(0, 0, 1, 10, 1), Error::EmptyContent);
		assert_noop!(place(2048, 3, 1, 10, 1), Error::SegmentCountMismatch);
		let huge = (1u64 << 40) * SEGMENT_SIZE + 1;
		assert_noop!(place(huge, segment_count(huge), 1, 10, 1), Error::ContentTooLarge);
		assert_noop!(place(2048, 2, 1, 10, INITIAL_BALANCE), Error::InsufficientBalance);
		// The fee fits but the deposit does not: nothing stays held.
		let free = Balances::balance(&OWNER);
		assert_noop!(place(2048, 2, 1, 10, free - 5), sp_runtime::TokenError::FundsUnavailable);
		assert_noop!(
			StorageProofs::place_order(RuntimeOrigin::root(), H256::zero(), 1, 1, 1, 1, 1),
			BadOrigin
		);
	});
}

#[test]
fn accept_order_commits_capacity() {
	new_test_ext().execute_with(|| {
		register(P1);
		register(P2);
		let order = place(&content(5000, 1), 2, FEE);
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), order));
		System::assert_last_event(crate::Event::OrderAccepted { order, provider: P1 }.into());
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P2), order));
		let p1 = Providers::<Test>::get(P1).unwrap();
		// 5000 bytes take 5 whole segments.
		assert_eq!((p1.used, p1.replicas), (5 * SEGMENT_SIZE, 1));
		assert_eq!(Orders::<Test>::get(order).unwrap().filled, 2);
		assert_eq!(ReplicaCount::<Test>::get(), 2);
		let replicas = StorageProofs::order(order).unwrap().replicas;
		assert_eq!(replicas.len(), 2);
	});
}

#[test]
fn accept_order_errors_change_nothing() {
	new_test_ext().execute_with(|| {
		let accept =
			|p: u64, order: OrderId| StorageProofs::accept_order(RuntimeOrigin::signed(p), order);
		let order = place(&content(5000, 1), 1, FEE);
		assert_noop!(accept(P1, order), Error::UnknownProvider);
		register(P1);
		register(P2);
		assert_noop!(accept(P1, 99), Error::UnknownOrder);
		assert_ok!(accept(P1, order));
		assert_noop!(accept(P1, order), Error::AlreadyAccepted);
		assert_noop!(accept(P2, order), Error::OrderFull);

		// Over capacity.
		assert_ok!(StorageProofs::update_provider(RuntimeOrigin::signed(P2), 4999, endpoint("x")));
		let other = place(&content(5000, 2), 2, FEE);
		assert_noop!(accept(P2, other), Error::InsufficientCapacity);

		// Leaving providers take nothing new.
		register(P3);
		assert_ok!(StorageProofs::unregister_provider(RuntimeOrigin::signed(P3)));
		assert_noop!(accept(P3, other), Error::ProviderLeaving);

		// An order that is over.
		register(P4);
		run_to_block(1 + DURATION);
		assert_noop!(accept(P4, other), Error::OrderEnded);
	});
}

#[test]
fn a_provider_whose_stake_was_slashed_below_the_minimum_takes_no_orders() {
	new_test_ext().execute_with(|| {
		register(P1);
		let data = content(2000, 3);
		let order = place(&data, 1, FEE);
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), order));
		run_to_block(2 * PERIOD); // challenged at PERIOD, missed at 2 * PERIOD
		assert!(stake_of(P1) < MIN_STAKE);
		let next = place(&content(100, 4), 1, FEE);
		assert_noop!(
			StorageProofs::accept_order(RuntimeOrigin::signed(P1), next),
			Error::StakeTooLow
		);
		assert_ok!(StorageProofs::bond_extra(RuntimeOrigin::signed(P1), MIN_STAKE));
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), next));
	});
}

#[test]
fn every_replica_is_challenged_each_period_and_a_valid_proof_pays() {
	new_test_ext().execute_with(|| {
		register(P1);
		register(P2);
		let data = content(5000, 9);
		let order = place(&data, 2, FEE);
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), order));
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P2), order));

		run_to_block(PERIOD - 1);
		assert!(Challenges::<Test>::iter().next().is_none());
		run_to_block(PERIOD);
		let (id, challenge) = challenge_of(P1);
		assert_eq!(challenge.order, order);
		assert!(challenge.segment < 5);
		// 5000 bytes add one block (4096 bytes per block) to the base window.
		assert_eq!(challenge.deadline, PERIOD + WINDOW + 1);
		assert_eq!(StorageProofs::open_challenges(&P2).len(), 1);
		assert!(events().contains(&crate::Event::Challenged {
			challenge: id,
			order,
			provider: P1,
			segment: challenge.segment,
			deadline: challenge.deadline,
		}));

		let before = Balances::balance(&P1);
		answer(P1, &data);
		// Accepted at block 1, proved at PERIOD: (PERIOD - 1) / DURATION of its half.
		let earned = (FEE / 2) * (PERIOD - 1) / DURATION;
		assert_eq!(Balances::balance(&P1), before + earned);
		assert_eq!(held(OWNER, HoldReason::OrderFee), FEE - earned);
		assert!(events().contains(&crate::Event::ProofAccepted {
			challenge: id,
			order,
			provider: P1
		}));
		assert!(events().contains(&crate::Event::ProviderPaid {
			order,
			provider: P1,
			amount: earned
		}));
		assert!(StorageProofs::open_challenges(&P1).is_empty());
		let stats = Providers::<Test>::get(P1).unwrap().stats;
		assert_eq!((stats.proved, stats.missed, stats.earned), (1, 0, earned));

		// P1 answered, P2 did not: only P2 gets a strike when the next round starts, and the
		// round is charged one settlement and one read for the answered challenge.
		run_to_block(2 * PERIOD - 1);
		System::set_block_number(2 * PERIOD);
		let depth = StorageProofs::depth();
		let weight = StorageProofs::on_initialize(2 * PERIOD);
		let db = <Test as frame_system::Config>::DbWeight::get();
		assert_eq!(
			weight,
			<() as WeightInfo>::expire_challenges(1)
				+ db.reads(1)
				+ StorageProofs::draw_list_remove(depth)
				+ <() as WeightInfo>::issue_challenges(2)
				+ db.reads(depth) * 2
		);
		assert_eq!(Replicas::<Test>::get(order, P1).unwrap().strikes, 0);
		assert_eq!(Replicas::<Test>::get(order, P2).unwrap().strikes, 1);
		assert_eq!(StorageProofs::open_challenges(&P1).len(), 1);
	});
}

#[test]
fn bad_proofs_are_refused_and_change_nothing() {
	new_test_ext().execute_with(|| {
		register(P1);
		register(P2);
		let data = content(5000, 5);
		let order = place(&data, 2, FEE);
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), order));
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P2), order));
		run_to_block(PERIOD);
		let (id, challenge) = challenge_of(P1);
		let index = challenge.segment;
		let (segment, path) = proof_for(&data, index);
		let submit = |who: u64, id: ChallengeId, segment: Segment, path: MerklePath| {
			StorageProofs::submit_proof(RuntimeOrigin::signed(who), id, segment, path)
		};

		assert_noop!(submit(P1, 999, segment.clone(), path.clone()), Error::UnknownChallenge);
		assert_noop!(submit(P2, id, segment.clone(), path.clone()), Error::NotChallenged);
		assert_noop!(submit(P3, id, segment.clone(), path.clone()), Error::NotChallenged);

		// A proof of another segment (the last one is shorter, so pick a full-size neighbour).
		let other = if index == 0 { 1 } else { index - 1 };
		let (other_segment, other_path) = proof_for(&data, other);
		if index != 4 {
			assert_noop!(submit(P1, id, other_segment, other_path), Error::InvalidProof);
		} else {
			assert_noop!(submit(P1, id, other_segment, other_path), Error::WrongSegmentLength);
		}

		// The right place, wrong bytes.
		let mut tampered = segment.clone();
		tampered[0] ^= 1;
		assert_noop!(submit(P1, id, tampered, path.clone()), Error::InvalidProof);
		let mut short = segment.clone();
		short.pop();
		assert_noop!(submit(P1, id, short, path.clone()), Error::WrongSegmentLength);

		// Truncated and overlong paths.
		let mut truncated = path.clone();
		truncated.pop();
		assert_noop!(submit(P1, id, segment.clone(), truncated), Error::WrongPathLength);
		let mut overlong = path.clone();
		overlong.try_push(EMPTY_NODE).unwrap();
		assert_noop!(submit(P1, id, segment.clone(), overlong), Error::WrongPathLength);

		// After the window.
		run_to_block(challenge.deadline + 1);
		assert_noop!(submit(P1, id, segment, path), Error::ChallengeExpired);
	});
}

#[test]
fn a_missed_challenge_slashes_part_of_the_replica_s_collateral() {
	new_test_ext().execute_with(|| {
		register(P1);
		let order = place(&content(3000, 2), 1, FEE);
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), order));
		run_to_block(PERIOD);
		let (id, _) = challenge_of(P1);
		let owner_before = Balances::balance(&OWNER);
		let treasury_before = Balances::balance(&TREASURY);
		let issuance = Balances::total_issuance();

		run_to_block(2 * PERIOD);
		// 10 % of the collateral of 3 segments, not of the whole stake.
		let slashed = 3 * COLLATERAL_PER_SEGMENT / 10;
		let to_owner = SlashToOwner::get() * slashed;
		assert!(events().contains(&crate::Event::ChallengeMissed {
			challenge: id,
			order,
			provider: P1,
			slashed,
			strikes: 1,
		}));
		assert_eq!(stake_of(P1), MIN_STAKE - slashed);
		assert_eq!(held(P1, HoldReason::ProviderStake), MIN_STAKE - slashed);
		assert_eq!(Balances::balance(&OWNER), owner_before + to_owner);
		assert_eq!(Balances::balance(&TREASURY), treasury_before + slashed - to_owner);
		assert_eq!(Balances::total_issuance(), issuance);
		let stats = Providers::<Test>::get(P1).unwrap().stats;
		assert_eq!((stats.missed, stats.slashed), (1, slashed));
		// A new challenge replaces the missed one.
		assert_ne!(challenge_of(P1).0, id);
	});
}

#[test]
fn after_max_strikes_the_replica_is_reopened_for_another_provider() {
	new_test_ext().execute_with(|| {
		register(P1);
		register(P2);
		let data = content(3000, 8);
		let order = place(&data, 1, FEE);
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), order));
		assert_noop!(
			StorageProofs::accept_order(RuntimeOrigin::signed(P2), order),
			Error::OrderFull
		);
		// Challenged at PERIOD and 2 * PERIOD, missed at 2 * PERIOD and 3 * PERIOD.
		run_to_block(1 + MAX_STRIKES as u64 * PERIOD);
		assert!(Replicas::<Test>::get(order, P1).is_some());
		run_to_block((1 + MAX_STRIKES as u64) * PERIOD);
		assert!(events().contains(&crate::Event::ReplicaReopened { order, provider: P1 }));
		assert!(Replicas::<Test>::get(order, P1).is_none());
		let p1 = Providers::<Test>::get(P1).unwrap();
		assert_eq!((p1.used, p1.replicas, p1.stats.evicted, p1.stats.missed), (0, 0, 1, 2));
		assert_eq!(Orders::<Test>::get(order).unwrap().filled, 0);
		assert_eq!(ReplicaCount::<Test>::get(), 0);
		assert!(StorageProofs::open_challenges(&P1).is_empty());

		// P2 takes the replica over, is challenged, answers, and is paid from its acceptance.
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P2), order));
		let accepted = System::block_number();
		run_to_block(4 * PERIOD);
		let before = Balances::balance(&P2);
		answer(P2, &data);
		assert_eq!(Balances::balance(&P2), before + FEE * (4 * PERIOD - accepted) / DURATION);
		// P1 was never paid: it never proved anything.
		assert_eq!(Providers::<Test>::get(P1).unwrap().stats.earned, 0);
	});
}

#[test]
fn an_order_that_is_over_pays_out_pro_rata_and_refunds_the_rest() {
	new_test_ext().execute_with(|| {
		register(P1);
		register(P2);
		let data = content(4096, 3);
		let order = place(&data, 3, FEE);
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), order));
		// P2 joins at block 51; both answer every challenge.
		for period in 1..=10 {
			run_to_block(period * PERIOD);
			answer(P1, &data);
			if period > 5 {
				answer(P2, &data);
			}
			if period == 5 {
				run_to_block(51);
				assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P2), order));
			}
		}
		run_to_block(1 + DURATION);
		assert_noop!(StorageProofs::end_order(RuntimeOrigin::signed(P3), 99), Error::UnknownOrder);
		let owner = Balances::balance(&OWNER);
		// Anyone may end an order that is over.
		assert_ok!(StorageProofs::end_order(RuntimeOrigin::signed(P3), order));
		let share = FEE / 3;
		// P1 held the data for the whole order, P2 for its second half; the third replica
		// was never taken.
		assert_eq!(Providers::<Test>::get(P1).unwrap().stats.earned, share);
		assert_eq!(Providers::<Test>::get(P2).unwrap().stats.earned, share / 2);
		let refund = FEE - share - share / 2;
		System::assert_last_event(crate::Event::OrderEnded { order, refund, early: false }.into());
		assert_eq!(Balances::balance(&OWNER), owner + refund + ORDER_DEPOSIT);
		assert_eq!(held(OWNER, HoldReason::OrderFee), 0);
		assert_eq!(held(OWNER, HoldReason::OrderDeposit), 0);
		assert!(Orders::<Test>::get(order).is_none());
		assert!(StorageProofs::orders_of(&OWNER).is_empty());
		assert_eq!(ReplicaCount::<Test>::get(), 0);
		let p1 = Providers::<Test>::get(P1).unwrap();
		assert_eq!((p1.used, p1.replicas), (0, 0));

		// With no replicas left, P1 can leave.
		assert_ok!(StorageProofs::unregister_provider(RuntimeOrigin::signed(P1)));
		run_to_block(System::block_number() + UNBONDING);
		assert_ok!(StorageProofs::withdraw_stake(RuntimeOrigin::signed(P1)));
	});
}

#[test]
fn the_owner_may_end_early_and_others_may_not() {
	new_test_ext().execute_with(|| {
		register(P1);
		let data = content(100, 1);
		let order = place(&data, 1, FEE);
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), order));
		run_to_block(PERIOD);
		assert_eq!(StorageProofs::open_challenges(&P1).len(), 1);
		run_to_block(21);
		assert_noop!(
			StorageProofs::end_order(RuntimeOrigin::signed(P1), order),
			Error::OrderNotOver
		);
		let before = Balances::balance(&P1);
		assert_ok!(StorageProofs::end_order(RuntimeOrigin::signed(OWNER), order));
		let earned = FEE * 20 / DURATION;
		assert_eq!(Balances::balance(&P1), before + earned);
		System::assert_last_event(
			crate::Event::OrderEnded { order, refund: FEE - earned, early: true }.into(),
		);
		// Its open challenge went with it.
		assert!(Challenges::<Test>::iter().next().is_none());
		assert!(StorageProofs::open_challenges(&P1).is_empty());
		assert!(OpenChallenge::<Test>::iter().next().is_none());
	});
}

#[test]
fn many_replicas_are_sampled_and_the_replica_list_stays_dense() {
	new_test_ext().execute_with(|| {
		for p in [P1, P2, P3] {
			register(p);
		}
		let mut orders = Vec::new();
		for salt in 0..3u8 {
			let order = place(&content(1500, salt), 3, FEE);
			for p in [P1, P2, P3] {
				assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(p), order));
			}
			orders.push(order);
		}
		assert_eq!(ReplicaCount::<Test>::get(), 9);
		run_to_block(PERIOD);
		let open = Challenges::<Test>::iter().count();
		assert!(open >= 1 && open <= MAX_CHALLENGES as usize, "{open} challenges");
		assert_eq!(Round::<Test>::get().len(), open);

		assert_ok!(StorageProofs::end_order(RuntimeOrigin::signed(OWNER), orders[0]));
		assert_eq!(ReplicaCount::<Test>::get(), 6);
		// Every slot points at a replica that knows its slot.
		for slot in 0..6 {
			let (order, provider) = ReplicaAt::<Test>::get(slot).unwrap();
			assert_eq!(Replicas::<Test>::get(order, provider).unwrap().slot, slot);
		}
		assert!(ReplicaAt::<Test>::get(6).is_none());
	});
}

#[test]
fn response_window_grows_with_content_and_stays_inside_the_period() {
	new_test_ext().execute_with(|| {
		assert_eq!(StorageProofs::response_window(1), WINDOW);
		assert_eq!(StorageProofs::response_window(2 * BYTES_PER_BLOCK), WINDOW + 2);
		assert_eq!(StorageProofs::response_window(u64::MAX), PERIOD - 1);
	});
}

/// Registers `provider` with `stake` and room for 1 MiB.
fn register_with(provider: u64, stake: u64) {
	assert_ok!(StorageProofs::register_provider(
		RuntimeOrigin::signed(provider),
		stake,
		CAPACITY,
		endpoint("http://127.0.0.1:9955"),
	));
}

/// Places and fills a one-replica order of `data` with `provider`, lasting `duration`, for the
/// least fee.
fn stored_by(provider: u64, data: &[u8], duration: u64) -> OrderId {
	let fee = StorageProofs::min_fee_for(data.len() as u64, 1, duration);
	let id = place_for(data, 1, duration, fee);
	assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(provider), id));
	id
}

#[test]
fn an_order_pays_at_least_the_minimum_price() {
	new_test_ext().execute_with(|| {
		let data = content(3000, 1); // 3 segments
		let tree = MerkleTree::from_data(&data).unwrap();
		let place = |replicas: u32, duration: u64, fee: u64| {
			StorageProofs::place_order(
				RuntimeOrigin::signed(OWNER),
				tree.root(),
				3000,
				3,
				replicas,
				duration,
				fee,
			)
		};
		// 3 segments, 2 replicas, 2 periods begun (11 blocks of 10).
		let min = 3 * 2 * 2 * MIN_FEE_PER_SEGMENT_PERIOD;
		assert_eq!(StorageProofs::min_fee_for(3000, 2, 11), min);
		assert_noop!(place(2, 11, min - 1), Error::FeeTooLow);
		assert_noop!(place(2, 11, 0), Error::FeeTooLow);
		assert_ok!(place(2, 11, min));
		assert_eq!(StorageProofs::min_fee_for(3000, 2, 10), min / 2);
	});
}

#[test]
fn committed_storage_is_bounded_by_stake() {
	new_test_ext().execute_with(|| {
		// MIN_STAKE covers 20 segments of collateral.
		assert_eq!(MIN_STAKE / COLLATERAL_PER_SEGMENT, 20);
		register(P1);
		let first = place(&content(15 * 1024, 1), 1, FEE);
		let second = place(&content(6 * 1024, 2), 1, FEE);
		// A byte past a segment takes a whole one.
		let third = place(&content(5 * 1024 + 1, 3), 1, FEE);
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), first));
		assert_eq!(Providers::<Test>::get(P1).unwrap().used, 15 * SEGMENT_SIZE);
		assert_noop!(
			StorageProofs::accept_order(RuntimeOrigin::signed(P1), second),
			Error::InsufficientCollateral
		);
		assert_noop!(
			StorageProofs::accept_order(RuntimeOrigin::signed(P1), third),
			Error::InsufficientCollateral
		);
		assert_ok!(StorageProofs::bond_extra(RuntimeOrigin::signed(P1), COLLATERAL_PER_SEGMENT));
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), second));
		assert_eq!(Providers::<Test>::get(P1).unwrap().used, 21 * SEGMENT_SIZE);
	});
}

#[test]
fn challenges_are_drawn_in_proportion_to_the_bytes_at_risk() {
	new_test_ext().execute_with(|| {
		// A customer's 100 segments with P1, and P2's forty 1-byte orders of its own: uniform
		// draws would challenge P1 in about one round in ten.
		register_with(P1, 100 * COLLATERAL_PER_SEGMENT);
		register_with(P2, 40 * COLLATERAL_PER_SEGMENT);
		let mut contents = std::collections::BTreeMap::new();
		let data = content(100 * 1024, 1);
		let big = stored_by(P1, &data, 1_000);
		contents.insert(big, data);
		for salt in 0..40u8 {
			let data = content(1, salt);
			contents.insert(stored_by(P2, &data, 1_000), data);
		}
		assert!(ReplicaCount::<Test>::get() > MAX_CHALLENGES);
		for round in 1..=20u64 {
			run_to_block(round * PERIOD);
			assert_eq!(Round::<Test>::get().len() as u32, MAX_CHALLENGES, "round {round}");
			assert!(
				StorageProofs::open_challenges(&P1).iter().any(|(_, c)| c.order == big),
				"the large replica was not drawn in round {round}"
			);
			for provider in [P1, P2] {
				for (id, challenge) in StorageProofs::open_challenges(&provider) {
					let (segment, path) = proof_for(&contents[&challenge.order], challenge.segment);
					assert_ok!(StorageProofs::submit_proof(
						RuntimeOrigin::signed(provider),
						id,
						segment,
						path
					));
				}
			}
		}
	});
}

#[test]
fn a_round_stays_full_when_draws_land_on_orders_that_are_over() {
	new_test_ext().execute_with(|| {
		register_with(P1, 100 * COLLATERAL_PER_SEGMENT);
		register_with(P2, 100 * COLLATERAL_PER_SEGMENT);
		// Three large orders that end before the first round and are never settled, and five
		// small live ones: draws mostly land on the large ones, and only live ones count.
		let over: Vec<OrderId> =
			(0..3u8).map(|salt| stored_by(P1, &content(8 * 1024, salt), PERIOD - 1)).collect();
		let live: Vec<OrderId> =
			(0..5u8).map(|salt| stored_by(P2, &content(1024, 100 + salt), 1_000)).collect();
		run_to_block(PERIOD);
		let round = Round::<Test>::get();
		assert_eq!(round.len() as u32, MAX_CHALLENGES);
		let mut challenged: Vec<OrderId> =
			round.iter().map(|id| Challenges::<Test>::get(id).unwrap().order).collect();
		assert!(challenged.iter().all(|order| live.contains(order)));
		// Distinct replicas: drawn without replacement.
		challenged.sort();
		challenged.dedup();
		assert_eq!(challenged.len() as u32, MAX_CHALLENGES);
		// A draw that found an order over took its replica out of later draws for good.
		let zeroed = over.iter().filter(|o| Replicas::<Test>::get(*o, P1).unwrap().weight == 0);
		assert!(zeroed.count() > 0);
		// Ending the orders that are over still pays and frees everything.
		for order in over {
			assert_ok!(StorageProofs::end_order(RuntimeOrigin::signed(P2), order));
		}
		assert_eq!(ReplicaCount::<Test>::get(), 5);
	});
}

#[test]
fn a_missed_round_costs_at_most_the_slash_fraction_of_what_is_kept() {
	new_test_ext().execute_with(|| {
		let stake = 20 * COLLATERAL_PER_SEGMENT;
		register_with(P1, stake);
		for salt in 0..MAX_CHALLENGES as u8 {
			stored_by(P1, &content(5 * 1024, salt), 1_000);
		}
		run_to_block(2 * PERIOD);
		// Four replicas of 5 segments each missed once: 10 % of 20 segments' collateral.
		let lost = stake - stake_of(P1);
		assert_eq!(lost, SlashFraction::get() * (20 * COLLATERAL_PER_SEGMENT));
		assert_eq!(Providers::<Test>::get(P1).unwrap().stats.missed, MAX_CHALLENGES as u64);
	});
}

#[test]
fn a_provider_may_leave_a_replica_early_for_a_bounded_penalty() {
	new_test_ext().execute_with(|| {
		register(P1);
		register(P2);
		let data = content(4 * 1024, 6);
		let order = place(&data, 1, FEE);
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), order));
		let accepted = System::block_number();
		run_to_block(PERIOD - 1);
		let (p1_before, owner_before, treasury_before) =
			(Balances::balance(&P1), Balances::balance(&OWNER), Balances::balance(&TREASURY));
		let issuance = Balances::total_issuance();

		assert_ok!(StorageProofs::leave_replica(RuntimeOrigin::signed(P1), order));
		let earned = FEE * (PERIOD - 1 - accepted) / DURATION;
		let penalty = LeavePenalty::get() * (4 * COLLATERAL_PER_SEGMENT);
		let to_owner = SlashToOwner::get() * penalty;
		assert!(events().contains(&crate::Event::ReplicaLeft { order, provider: P1, penalty }));
		assert_eq!(Balances::balance(&P1), p1_before + earned);
		assert_eq!(stake_of(P1), MIN_STAKE - penalty);
		assert_eq!(held(P1, HoldReason::ProviderStake), MIN_STAKE - penalty);
		assert_eq!(Balances::balance(&OWNER), owner_before + to_owner);
		assert_eq!(Balances::balance(&TREASURY), treasury_before + penalty - to_owner);
		assert_eq!(Balances::total_issuance(), issuance);
		let p1 = Providers::<Test>::get(P1).unwrap();
		assert_eq!((p1.used, p1.replicas, p1.stats.earned), (0, 0, earned));
		assert_eq!(ReplicaCount::<Test>::get(), 0);
		// The replica is open again.
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P2), order));
	});
}

#[test]
fn leave_replica_errors_change_nothing() {
	new_test_ext().execute_with(|| {
		register(P1);
		register(P2);
		let order = place(&content(2048, 1), 1, FEE);
		assert_ok!(StorageProofs::accept_order(RuntimeOrigin::signed(P1), order));
		let leave = |who: u64, order: OrderId| {
			StorageProofs::leave_replica(RuntimeOrigin::signed(who), order)
		};
		assert_noop!(StorageProofs::leave_replica(RuntimeOrigin::none(), order), BadOrigin);
		assert_noop!(leave(P3, order), Error::UnknownProvider);
		assert_noop!(leave(P1, 99), Error::UnknownOrder);
		assert_noop!(leave(P2, order), Error::NotReplica);
		let short = stored_by(P1, &content(10, 2), 5);
		run_to_block(6);
		assert_noop!(leave(P1, short), Error::OrderEnded);
		run_to_block(PERIOD);
		assert_noop!(leave(P1, order), Error::ReplicaChallenged);
	});
}

#[test]
fn migration_to_v1_weighs_replicas_and_builds_the_draw_tree() {
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		register_with(P1, 100 * COLLATERAL_PER_SEGMENT);
		register_with(P2, 100 * COLLATERAL_PER_SEGMENT);
		let sizes = [3000u64, 1, 9000, 1024];
		let orders: Vec<OrderId> = sizes
			.iter()
			.enumerate()
			.map(|(i, len)| place(&content(*len as usize, i as u8), 2, FEE))
			.collect();
		// Version 0: replicas without weights, no tree, `used` counting bytes.
		let mut slot = 0u32;
		let mut used = [0u64; 2];
		for (order, size) in orders.iter().zip(sizes) {
			for (i, provider) in [P1, P2].into_iter().enumerate() {
				let old = migrations::v1::ReplicaV0 {
					accepted_at: 1u64,
					paid_until: 1u64,
					strikes: 0,
					slot,
				};
				frame_support::storage::unhashed::put_raw(
					&Replicas::<Test>::hashed_key_for(order, provider),
					&old.encode(),
				);
				ReplicaAt::<Test>::insert(slot, (*order, provider));
				slot += 1;
				used[i] += size;
			}
			Orders::<Test>::mutate(order, |o| o.as_mut().unwrap().filled = 2);
		}
		ReplicaCount::<Test>::put(slot);
		for (i, provider) in [P1, P2].into_iter().enumerate() {
			Providers::<Test>::mutate(provider, |p| {
				let p = p.as_mut().unwrap();
				p.used = used[i];
				p.replicas = 4;
			});
		}
		StorageVersion::new(0).put::<StorageProofs>();

		migrations::v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(StorageProofs::on_chain_storage_version(), 1);
		let segments: u64 = sizes.iter().map(|s| segment_count(*s)).sum();
		assert_eq!(Providers::<Test>::get(P1).unwrap().used, segments * SEGMENT_SIZE);
		assert_eq!(Replicas::<Test>::get(orders[2], P2).unwrap().weight, 9);
		// Twice the segments of all orders, one replica each with P1 and P2.
		assert_eq!(crate::dispatchable_impls::DrawList::<Test>::total(), 2 * segments);
		// A second run does nothing.
		migrations::v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(crate::dispatchable_impls::DrawList::<Test>::total(), 2 * segments);
		// The chain works on: a round draws from the new tree (try_state checks the rest).
		run_to_block(PERIOD);
		assert_eq!(Round::<Test>::get().len() as u32, MAX_CHALLENGES);
	});
}

mod conservation {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Register(u8),
		Place { salt: u8, len: u16, replicas: u8, fee: u16 },
		Accept { provider: u8, order: u8 },
		Answer { provider: u8 },
		End { by_owner: bool, order: u8 },
		Advance(u8),
		Leave(u8),
		Withdraw(u8),
		LeaveReplica { provider: u8, order: u8 },
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			(0u8..4).prop_map(Op::Register),
			(any::<u8>(), 1u16..6000, 1u8..4, any::<u16>())
				.prop_map(|(salt, len, replicas, fee)| Op::Place { salt, len, replicas, fee }),
			(0u8..4, 0u8..6).prop_map(|(provider, order)| Op::Accept { provider, order }),
			(0u8..4).prop_map(|provider| Op::Answer { provider }),
			(any::<bool>(), 0u8..6).prop_map(|(by_owner, order)| Op::End { by_owner, order }),
			(1u8..25).prop_map(Op::Advance),
			(0u8..4).prop_map(Op::Leave),
			(0u8..4).prop_map(Op::Withdraw),
			(0u8..4, 0u8..6).prop_map(|(provider, order)| Op::LeaveReplica { provider, order }),
		]
	}

	const PROVIDERS: [u64; 4] = [P1, P2, P3, P4];

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(48))]

		/// Whatever happens, total issuance is constant, every hold equals what the pallet
		/// records for it, and ending every order and withdrawing every stake returns every
		/// held unit exactly once.
		#[test]
		fn money_is_conserved(ops in proptest::collection::vec(op(), 1..60)) {
			new_test_ext().execute_with(|| {
				let issuance = Balances::total_issuance();
				let mut contents: Vec<Vec<u8>> = Vec::new();
				for op in ops {
					match op {
						Op::Register(p) => {
							let _ = StorageProofs::register_provider(
								RuntimeOrigin::signed(PROVIDERS[p as usize]), MIN_STAKE, 20_000, endpoint("e"));
						},
						Op::Place { salt, len, replicas, fee } => {
							let data = content(len as usize, salt);
							let tree = MerkleTree::from_data(&data).unwrap();
							if StorageProofs::place_order(RuntimeOrigin::signed(OWNER), tree.root(),
								data.len() as u64, tree.segments(), replicas as u32, DURATION, fee as u64).is_ok() {
								contents.push(data);
							}
						},
						Op::Accept { provider, order } => {
							let _ = StorageProofs::accept_order(
								RuntimeOrigin::signed(PROVIDERS[provider as usize]), order as u64);
						},
						Op::Answer { provider } => {
							let p = PROVIDERS[provider as usize];
							for (id, challenge) in StorageProofs::open_challenges(&p) {
								let data = &contents[challenge.order as usize];
								let (segment, path) = proof_for(data, challenge.segment);
								let _ = StorageProofs::submit_proof(RuntimeOrigin::signed(p), id, segment, path);
							}
						},
						Op::End { by_owner, order } => {
							let who = if by_owner { OWNER } else { P1 };
							let _ = StorageProofs::end_order(RuntimeOrigin::signed(who), order as u64);
						},
						Op::Advance(blocks) => run_to_block(System::block_number() + blocks as u64),
						Op::Leave(p) => {
							let _ = StorageProofs::unregister_provider(RuntimeOrigin::signed(PROVIDERS[p as usize]));
						},
						Op::Withdraw(p) => {
							let _ = StorageProofs::withdraw_stake(RuntimeOrigin::signed(PROVIDERS[p as usize]));
						},
						Op::LeaveReplica { provider, order } => {
							let _ = StorageProofs::leave_replica(
								RuntimeOrigin::signed(PROVIDERS[provider as usize]), order as u64);
						},
					}
					assert_eq!(Balances::total_issuance(), issuance);
					let fees: u64 = Orders::<Test>::iter().map(|(_, o)| o.fee - o.paid).sum();
					assert_eq!(held(OWNER, HoldReason::OrderFee), fees);
					let deposits = Orders::<Test>::iter().count() as u64 * ORDER_DEPOSIT;
					assert_eq!(held(OWNER, HoldReason::OrderDeposit), deposits);
					for p in PROVIDERS {
						let stake = Providers::<Test>::get(p).map_or(0, |info| info.stake);
						assert_eq!(held(p, HoldReason::ProviderStake), stake);
					}
					let replicas: u32 = Orders::<Test>::iter().map(|(_, o)| o.filled).sum();
					assert_eq!(ReplicaCount::<Test>::get(), replicas);
				}

				// Wind everything down: every held unit comes back exactly once.
				let orders: Vec<OrderId> = Orders::<Test>::iter_keys().collect();
				for order in orders {
					assert_ok!(StorageProofs::end_order(RuntimeOrigin::signed(OWNER), order));
				}
				for p in PROVIDERS {
					let _ = StorageProofs::unregister_provider(RuntimeOrigin::signed(p));
				}
				run_to_block(System::block_number() + UNBONDING);
				for p in PROVIDERS {
					if Providers::<Test>::contains_key(p) {
						assert_ok!(StorageProofs::withdraw_stake(RuntimeOrigin::signed(p)));
					}
				}
				let total: u64 = ACCOUNTS.iter().chain([POOR, TREASURY].iter()).map(|a| Balances::balance(a)).sum();
				assert_eq!(total, issuance);
				for a in ACCOUNTS {
					assert_eq!(Balances::total_balance_on_hold(&a), 0);
				}
			});
		}
	}
}
