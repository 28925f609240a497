//! Bad input at scale, on the runtime's own state (the `development` genesis): random bytes
//! decoded as calls and extrinsics, and random well-formed calls of the four CPChain pallets
//! dispatched from random signed origins. Nothing may panic, money is never made, and every
//! pallet's invariants (`do_try_state`) hold after each case. Seeded, so a failure replays.

use crate::{
	genesis_config_presets::preset_storage, AccessGrants, AccountId, Balances, DataMarket,
	DeviceRegistry, Runtime, RuntimeCall, RuntimeOrigin, StorageProofs, System, UncheckedExtrinsic,
	CPC,
};
use alloc::boxed::Box;
use codec::{DecodeLimit, Encode};
use cpchain_primitives::{
	device::{anchor_payload, registration_payload, signer::DevicePair, signer::Scheme, Anchor},
	storage::{segment_count, MerkleTree},
};
use cumulus_pallet_parachain_system::RelaychainDataProvider;
use frame_support::{dispatch::GetDispatchInfo, traits::Hooks, BoundedVec, MAX_EXTRINSIC_DEPTH};
use pallet_access_grants::testing::{self as umbral, rng};
use rand_chacha::{rand_core::RngCore, ChaCha20Rng};
use sp_core::H256;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::{BlockNumberProvider, Checkable, Dispatchable};

/// Random byte strings decoded as calls and as extrinsics.
const BYTE_CASES: u32 = 10_000;
/// Random well-formed calls dispatched.
const CALL_CASES: u32 = 1_500;

fn ext() -> sp_io::TestExternalities {
	let mut ext: sp_io::TestExternalities = preset_storage(DEV_RUNTIME_PRESET).into();
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn below(rng: &mut ChaCha20Rng, n: u64) -> u64 {
	rng.next_u64() % n.max(1)
}

fn bytes(rng: &mut ChaCha20Rng, max: u64) -> Vec<u8> {
	let mut out = vec![0u8; below(rng, max + 1) as usize];
	rng.fill_bytes(&mut out);
	out
}

fn check_invariants(issuance: u128) {
	DeviceRegistry::do_try_state().expect("device registry invariants");
	DataMarket::do_try_state().expect("data market invariants");
	AccessGrants::do_try_state().expect("access grants invariants");
	StorageProofs::do_try_state().expect("storage proofs invariants");
	assert_eq!(Balances::total_issuance(), issuance, "money was made or burnt");
}

/// Pallet indexes of the CPChain pallets, so that random calls start where they decode.
fn pallet_indexes() -> Vec<u8> {
	[
		RuntimeCall::DeviceRegistry(pallet_device_registry::Call::suspend_device {
			device: H256::zero(),
		}),
		RuntimeCall::DataMarket(pallet_data_market::Call::claim_refund { purchase: 0 }),
		RuntimeCall::AccessGrants(pallet_access_grants::Call::unregister_proxy {}),
		RuntimeCall::StorageProofs(pallet_storage_proofs::Call::unregister_provider {}),
	]
	.iter()
	.map(|call| call.encode()[0])
	.collect()
}

#[test]
fn random_bytes_decode_or_fail_without_panicking() {
	ext().execute_with(|| {
		let mut rng = rng(1);
		let issuance = Balances::total_issuance();
		let pallets = pallet_indexes();
		// Not Alice: she is sudo, and a random `sudo` call may mint.
		let bob: AccountId = Sr25519Keyring::Bob.to_account_id();
		let mut decoded = 0;
		for case in 0..BYTE_CASES {
			let mut input = bytes(&mut rng, 400);
			// Half the cases start like a call of a CPChain pallet, so that some decode.
			if case % 2 == 0 && input.len() >= 2 {
				input[0] = pallets[below(&mut rng, pallets.len() as u64) as usize];
				input[1] = below(&mut rng, 12) as u8;
			}
			// Trailing bytes allowed, so that random tails do not hide the calls they follow.
			if let Ok(call) =
				RuntimeCall::decode_with_depth_limit(MAX_EXTRINSIC_DEPTH, &mut &input[..])
			{
				decoded += 1;
				let _ = call.get_dispatch_info();
				if matches!(
					call,
					RuntimeCall::DeviceRegistry(_)
						| RuntimeCall::DataMarket(_)
						| RuntimeCall::AccessGrants(_)
						| RuntimeCall::StorageProofs(_)
				) {
					let _ = call.dispatch(RuntimeOrigin::signed(bob.clone()));
					check_invariants(issuance);
				}
			}
			if let Ok(xt) = UncheckedExtrinsic::decode_all_with_depth_limit(
				MAX_EXTRINSIC_DEPTH,
				&mut &input[..],
			) {
				let _ = xt.check(&frame_system::ChainContext::<Runtime>::default());
			}
		}
		assert!(decoded > BYTE_CASES / 100, "only {decoded} random calls decoded");
	});
}

/// What the generator remembers, so that calls name things that exist.
struct World {
	accounts: Vec<AccountId>,
	devices: Vec<DevicePair>,
	listings: Vec<umbral::Listing>,
	buyer_keys: Vec<umbral::SecretKey>,
	content: Vec<u8>,
}

impl World {
	fn new() -> Self {
		Self {
			accounts: Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
			devices: (0..4)
				.map(|i| DevicePair::from_string(Scheme::Ed25519, &format!("//Fuzz{i}")).unwrap())
				.collect(),
			listings: (0..4).map(|i| umbral::Listing::new(i, b"fuzzed readings")).collect(),
			buyer_keys: (0..3).map(|i| umbral::secret_key(100 + i)).collect(),
			content: (0..3000u32).map(|i| (i * 7) as u8).collect(),
		}
	}

	fn account(&self, rng: &mut ChaCha20Rng) -> AccountId {
		self.accounts[below(rng, self.accounts.len() as u64) as usize].clone()
	}

	/// A random call of a CPChain pallet, well formed and mostly about things that exist.
	fn call(&self, rng: &mut ChaCha20Rng, who: &AccountId) -> RuntimeCall {
		use pallet_access_grants::Call as Grants;
		use pallet_data_market::Call as Market;
		use pallet_device_registry::Call as Registry;
		use pallet_storage_proofs::Call as Storage;
		let genesis: H256 = System::block_hash(0);
		let device = &self.devices[below(rng, self.devices.len() as u64) as usize];
		let key = device.public();
		let device_id = pallet_device_registry::Keys::<Runtime>::get(key)
			.device
			.unwrap_or_else(|| H256::from_low_u64_be(rng.next_u64()));
		let seller_data = &self.listings[below(rng, self.listings.len() as u64) as usize];
		let sealed = seller_data.sealed();
		let buyer_key = &self.buyer_keys[below(rng, self.buyer_keys.len() as u64) as usize];
		let id = below(rng, 6);
		let amount = u128::from(below(rng, 3_000)) * CPC / 10;
		match below(rng, 20) {
			0 => {
				let nonce = pallet_device_registry::Keys::<Runtime>::get(key).nonce;
				let proof = device.sign(&registration_payload(&genesis, who, &key, nonce));
				RuntimeCall::DeviceRegistry(Registry::register_device {
					key,
					metadata: pallet_device_registry::DeviceMetadata {
						kind: BoundedVec::truncate_from(bytes(rng, 40)),
						firmware_hash: H256::zero(),
						attributes: BoundedVec::new(),
					},
					proof,
				})
			},
			1 => {
				let sequence = DeviceRegistry::anchor_head(device_id)
					.map_or(1, |head| head.sequence + below(rng, 3));
				let anchor = Anchor {
					sequence,
					batch_root: [3; 32],
					reading_count: below(rng, 100) as u32,
					time_start: 1_000,
					time_end: 1_000 + below(rng, 2_000),
				};
				let signature = device.sign(&anchor_payload(&device_id, &anchor));
				RuntimeCall::DeviceRegistry(Registry::anchor_data {
					device: device_id,
					anchor,
					signature,
				})
			},
			2 => RuntimeCall::DeviceRegistry(match below(rng, 3) {
				0 => Registry::suspend_device { device: device_id },
				1 => Registry::resume_device { device: device_id },
				_ => Registry::deregister_device { device: device_id },
			}),
			3 => RuntimeCall::DeviceRegistry(Registry::authorize_gateway {
				gateway: self.account(rng).into(),
			}),
			4 | 5 => {
				let anchored = DeviceRegistry::anchor_head(device_id).map_or(0, |h| h.sequence);
				let provenance = if anchored > 0 && below(rng, 2) == 0 {
					vec![cpchain_primitives::device::ProvenanceRef {
						device: device_id,
						first_sequence: 1,
						last_sequence: anchored,
					}]
				} else {
					vec![]
				};
				let size = 1 + below(rng, 5_000);
				let offer = if below(rng, 2) == 0 {
					pallet_data_market::Offer::Dataset
				} else {
					pallet_data_market::Offer::Subscription { period: 1 + below(rng, 20) as u32 }
				};
				RuntimeCall::DataMarket(Market::create_listing {
					listing: Box::new(pallet_data_market::NewListing {
						offer,
						price: amount,
						content_root: H256::repeat_byte(1),
						size,
						segments: segment_count(size) + below(rng, 2),
						capsule: sealed.capsule,
						delegating_key: sealed.delegating_key,
						verifying_key: sealed.verifying_key,
						license: BoundedVec::truncate_from(bytes(rng, 20)),
						tags: BoundedVec::new(),
						provenance: BoundedVec::truncate_from(provenance),
						expires_at: None,
					}),
				})
			},
			6 | 7 => RuntimeCall::DataMarket(Market::purchase {
				listing: id,
				buyer_key: umbral::public_key(buyer_key),
				max_price: amount.saturating_mul(2),
			}),
			8 => RuntimeCall::DataMarket(match below(rng, 6) {
				0 => Market::renew {
					listing: id,
					buyer_key: umbral::public_key(buyer_key),
					max_price: amount,
				},
				1 => Market::claim_refund { purchase: id },
				2 => Market::rate { purchase: id, rating: below(rng, 7) as u8 },
				3 => Market::delist { listing: id },
				4 => Market::end_subscription { listing: id, subscriber: self.account(rng) },
				_ => Market::update_listing {
					listing: id,
					price: Some(amount),
					license: None,
					paused: Some(below(rng, 2) == 0),
				},
			}),
			9 => RuntimeCall::DataMarket(Market::publish_period {
				listing: id,
				period: below(rng, 3) as u32,
				content_root: H256::repeat_byte(2),
				size: 1024,
				segments: 1,
				capsule: sealed.capsule,
			}),
			10 | 11 => {
				// Fragments for an existing grant, re-encrypted by the right listing's keys
				// when the generator still knows them; sometimes tampered.
				let grant = pallet_access_grants::Grants::<Runtime>::get(id);
				let cfrags = match grant.as_ref() {
					Some(g) => self
						.listings
						.iter()
						.find(|l| l.sealed().delegating_key == g.sealed.delegating_key)
						.zip(
							self.buyer_keys.iter().find(|k| umbral::public_key(k) == g.grantee_key),
						)
						.map(|(l, k)| l.fragment_set(k, 1, 2, below(rng, 2)))
						.unwrap_or_default(),
					None => vec![],
				};
				let fragments = cfrags
					.iter()
					.take(1 + below(rng, 2) as usize)
					.map(|c| if below(rng, 4) == 0 { umbral::tampered(c) } else { umbral::wire(c) })
					.collect::<Vec<_>>();
				RuntimeCall::AccessGrants(Grants::submit_fragments {
					grant: id,
					fragments: BoundedVec::truncate_from(fragments),
				})
			},
			12 => RuntimeCall::AccessGrants(match below(rng, 4) {
				0 => Grants::revoke_grant { grant: id },
				1 => Grants::register_proxy { stake: amount * 10 },
				2 => Grants::unregister_proxy {},
				_ => Grants::withdraw_proxy {},
			}),
			13 => RuntimeCall::AccessGrants(Grants::set_delegation {
				listing: id,
				proxies: BoundedVec::truncate_from(
					(0..below(rng, 3)).map(|_| self.account(rng)).collect(),
				),
				threshold: below(rng, 3) as u8,
			}),
			14 => RuntimeCall::StorageProofs(Storage::register_provider {
				stake: amount * 10,
				capacity: below(rng, 1 << 20),
				endpoint: BoundedVec::truncate_from(b"http://127.0.0.1:9955".to_vec()),
			}),
			15 | 16 => {
				let size = 1 + below(rng, self.content.len() as u64);
				let tree = MerkleTree::from_data(&self.content[..size as usize]).unwrap();
				RuntimeCall::StorageProofs(Storage::place_order {
					root: tree.root(),
					size,
					segments: tree.segments(),
					replicas: below(rng, 4) as u32,
					duration: below(rng, 300) as u32,
					fee: amount,
				})
			},
			17 => RuntimeCall::StorageProofs(match below(rng, 5) {
				0 => Storage::accept_order { order: id },
				1 => Storage::end_order { order: id },
				2 => Storage::bond_extra { amount },
				3 => Storage::leave_replica { order: id },
				_ => Storage::unregister_provider {},
			}),
			18 => {
				// An answer to an open challenge: right or wrong segment.
				let challenge = pallet_storage_proofs::Challenges::<Runtime>::get(id);
				let (segment, path) = challenge
					.and_then(|c| {
						let order = pallet_storage_proofs::Orders::<Runtime>::get(c.order)?;
						let data = &self.content[..order.size as usize];
						let tree = MerkleTree::from_data(data)?;
						let index = c.segment + below(rng, 2);
						let start = (index * 1024).min(order.size) as usize;
						let end = (start + 1024).min(order.size as usize);
						Some((data[start..end].to_vec(), tree.proof(index).unwrap_or_default()))
					})
					.unwrap_or_else(|| (bytes(rng, 1024), vec![H256::zero(); 2]));
				RuntimeCall::StorageProofs(Storage::submit_proof {
					challenge: id,
					segment: BoundedVec::truncate_from(segment),
					path: BoundedVec::truncate_from(path),
				})
			},
			_ => RuntimeCall::StorageProofs(Storage::withdraw_stake {}),
		}
	}
}

#[test]
fn random_well_formed_calls_keep_every_invariant() {
	ext().execute_with(|| {
		let mut rng = rng(2);
		let world = World::new();
		let issuance = Balances::total_issuance();
		let (mut ok, mut failed) = (0u32, 0u32);
		for case in 0..CALL_CASES {
			// Time passes: challenge rounds, refunds and pruning run as in blocks.
			if case % 10 == 0 {
				let next = System::block_number() + 1 + below(&mut rng, 30) as u32;
				System::set_block_number(next);
				// The market's windows and unbonding count relay chain blocks.
				RelaychainDataProvider::<Runtime>::set_block_number(next);
				StorageProofs::on_initialize(next);
				DataMarket::on_idle(next, frame_support::weights::Weight::MAX);
				AccessGrants::on_idle(next, frame_support::weights::Weight::MAX);
				check_invariants(issuance);
			}
			let who = world.account(&mut rng);
			let call = world.call(&mut rng, &who);
			match call.dispatch(RuntimeOrigin::signed(who)) {
				Ok(_) => ok += 1,
				Err(_) => failed += 1,
			}
			check_invariants(issuance);
		}
		// The generator reaches deep enough for both outcomes to be common.
		assert!(ok > CALL_CASES / 10 && failed > CALL_CASES / 10, "{ok} ok, {failed} failed");
	});
}
