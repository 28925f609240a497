//! Benchmarks of the device registry. Device keys are sr25519 (verification is slower than
//! ed25519) and live in the benchmark keystore; metadata is as large as `MaxMetadataLen` allows.

use crate::*;
use alloc::{format, vec, vec::Vec};
use cpchain_primitives::device::{
	anchor_payload, device_id, registration_payload, rotation_payload,
};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::{crypto::KeyTypeId, sr25519, H256};
use sp_runtime::traits::{Bounded, StaticLookup};

const KEY_TYPE: KeyTypeId = KeyTypeId(*b"cpdv");

/// The sr25519 device key `index` in the benchmark keystore, from a raw seed (no key derivation
/// to wait for: the batch benchmark makes a thousand).
fn device_key(index: u32) -> DeviceKey {
	DeviceKey::Sr25519(sp_io::crypto::sr25519_generate(KEY_TYPE, Some(seed(index))).0)
}

fn seed(index: u32) -> Vec<u8> {
	format!("0x{index:064x}").into_bytes()
}

fn sign(key: &DeviceKey, message: &[u8]) -> DeviceSignature {
	let DeviceKey::Sr25519(public) = key else { unreachable!("benchmark keys are sr25519") };
	let signature =
		sp_io::crypto::sr25519_sign(KEY_TYPE, &sr25519::Public::from_raw(*public), message)
			.expect("the key was generated in the keystore");
	DeviceSignature(signature.0)
}

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	who
}

/// Metadata whose encoding is as close to `MaxMetadataLen` as the bounds allow.
fn largest_metadata<T: Config>() -> DeviceMetadataOf<T> {
	let budget = T::MaxMetadataLen::get() as usize;
	let mut metadata = DeviceMetadata {
		kind: BoundedVec::truncate_from(vec![b'k'; 64]),
		firmware_hash: H256::repeat_byte(1),
		attributes: BoundedVec::new(),
	};
	for i in 0..T::MaxAttributes::get() {
		let name = BoundedVec::truncate_from(format!("attribute{i}").into_bytes());
		let value = BoundedVec::truncate_from(vec![b'v'; 128]);
		if metadata.attributes.try_push((name, value)).is_err() {
			break;
		}
		if codec::Encode::encoded_size(&metadata) > budget {
			metadata.attributes.pop();
			break;
		}
	}
	while codec::Encode::encoded_size(&metadata) > budget {
		metadata.kind.pop();
		if metadata.kind.is_empty() {
			break;
		}
	}
	metadata
}

fn small_metadata<T: Config>() -> DeviceMetadataOf<T> {
	DeviceMetadata {
		kind: BoundedVec::truncate_from(b"sensor".to_vec()),
		firmware_hash: H256::zero(),
		attributes: BoundedVec::new(),
	}
}

/// Registers the device with `key` under `owner`.
fn registered<T: Config>(
	owner: &T::AccountId,
	key: DeviceKey,
	metadata: DeviceMetadataOf<T>,
) -> DeviceId {
	let genesis = cpchain_pallet_support::genesis_hash::<T>();
	let proof = sign(&key, &registration_payload(&genesis, owner, &key, 0));
	Pallet::<T>::do_register_device(owner.clone(), key, metadata, proof)
		.expect("benchmark registration works");
	device_id(&genesis, &key, 0)
}

/// A device's first anchor, counting the most readings an anchor can.
fn first_anchor() -> Anchor {
	Anchor { sequence: 1, batch_root: [9; 32], reading_count: u32::MAX, time_start: 1, time_end: 2 }
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_device() {
		let owner = funded::<T>("owner");
		let key = device_key(0);
		let genesis = cpchain_pallet_support::genesis_hash::<T>();
		let proof = sign(&key, &registration_payload(&genesis, &owner, &key, 0));
		let metadata = largest_metadata::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), key, metadata, proof);

		assert!(Devices::<T>::contains_key(device_id(&genesis, &key, 0)));
	}

	#[benchmark]
	fn update_metadata() {
		let owner = funded::<T>("owner");
		let device = registered::<T>(&owner, device_key(0), small_metadata::<T>());
		let metadata = largest_metadata::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), device, metadata.clone());

		assert_eq!(MetadataOf::<T>::get(device), Some(metadata));
	}

	#[benchmark]
	fn rotate_key() {
		let owner = funded::<T>("owner");
		let old_key = device_key(0);
		let device = registered::<T>(&owner, old_key, largest_metadata::<T>());
		let new_key = device_key(1);
		let payload = rotation_payload(&device, &new_key, 0);
		let (old_signature, new_signature) = (sign(&old_key, &payload), sign(&new_key, &payload));

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), device, new_key, old_signature, new_signature);

		assert_eq!(Keys::<T>::get(new_key).device, Some(device));
	}

	#[benchmark]
	fn transfer_device() {
		let owner = funded::<T>("owner");
		let receiver = funded::<T>("receiver");
		let device = registered::<T>(&owner, device_key(0), largest_metadata::<T>());
		let lookup = T::Lookup::unlookup(receiver.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), device, lookup);

		assert_last_event::<T>(Event::DeviceTransferred { device, from: owner, to: receiver });
	}

	#[benchmark]
	fn suspend_device() {
		let owner = funded::<T>("owner");
		let device = registered::<T>(&owner, device_key(0), largest_metadata::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), device);

		assert_last_event::<T>(Event::DeviceSuspended { device });
	}

	#[benchmark]
	fn resume_device() {
		let owner = funded::<T>("owner");
		let device = registered::<T>(&owner, device_key(0), largest_metadata::<T>());
		Pallet::<T>::do_set_suspended(owner.clone(), device, true).expect("suspends");

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), device);

		assert_last_event::<T>(Event::DeviceResumed { device });
	}

	#[benchmark]
	fn deregister_device() {
		let owner = funded::<T>("owner");
		let device = registered::<T>(&owner, device_key(0), largest_metadata::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), device);

		assert_last_event::<T>(Event::DeviceDeregistered { device, owner });
	}

	#[benchmark]
	fn revoke_device() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner");
		let device = registered::<T>(&owner, device_key(0), largest_metadata::<T>());
		let origin =
			T::RevokeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, device);

		assert_last_event::<T>(Event::DeviceRevoked { device });
		Ok(())
	}

	/// Worst case: submitted by a gateway (one more read than the owner), sr25519 signature.
	#[benchmark]
	fn anchor_data() {
		let owner = funded::<T>("owner");
		let gateway = funded::<T>("gateway");
		let key = device_key(0);
		let device = registered::<T>(&owner, key, largest_metadata::<T>());
		Pallet::<T>::do_authorize_gateway(owner, gateway.clone()).expect("authorizes");
		let anchor = first_anchor();
		let signature = sign(&key, &anchor_payload(&device, &anchor));

		#[extrinsic_call]
		_(RawOrigin::Signed(gateway), device, anchor, signature);

		assert_eq!(Devices::<T>::get(device).map(|d| d.anchor.count), Some(1));
	}

	/// `n` devices with sr25519 keys, each of its own owner, anchored by a gateway all the owners
	/// authorized: every entry reads its device and an authorization, and verifies the slower
	/// signature.
	#[benchmark]
	fn anchor_batch(n: Linear<1, { T::MaxBatchAnchors::get() }>) {
		let gateway = funded::<T>("gateway");
		let anchor = first_anchor();
		// A share of the issuance that every owner can have.
		let share = BalanceOf::<T>::max_value() / (8 * T::MaxBatchAnchors::get()).into();
		let entries: Vec<AnchorEntry> = (0..n)
			.map(|i| {
				let owner: T::AccountId = account("owner", i, 0);
				T::Currency::set_balance(&owner, share);
				let key = device_key(i);
				let device = registered::<T>(&owner, key, small_metadata::<T>());
				Pallet::<T>::do_authorize_gateway(owner, gateway.clone()).expect("authorizes");
				AnchorEntry {
					device,
					anchor,
					signature: sign(&key, &anchor_payload(&device, &anchor)),
				}
			})
			.collect();
		let devices: Vec<DeviceId> = entries.iter().map(|entry| entry.device).collect();
		let entries = BoundedVec::try_from(entries).expect("within the bound");

		#[extrinsic_call]
		_(RawOrigin::Signed(gateway), entries);

		for device in devices {
			assert_eq!(Devices::<T>::get(device).map(|d| d.anchor.sequence), Some(1));
		}
	}

	#[benchmark]
	fn authorize_gateway() {
		let owner = funded::<T>("owner");
		let gateway: T::AccountId = account("gateway", 0, 0);
		let lookup = T::Lookup::unlookup(gateway.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), lookup);

		assert_last_event::<T>(Event::GatewayAuthorized { owner, gateway });
	}

	#[benchmark]
	fn revoke_gateway() {
		let owner = funded::<T>("owner");
		let gateway: T::AccountId = account("gateway", 0, 0);
		Pallet::<T>::do_authorize_gateway(owner.clone(), gateway.clone()).expect("authorizes");
		let lookup = T::Lookup::unlookup(gateway.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), lookup);

		assert_last_event::<T>(Event::GatewayRevoked { owner, gateway });
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
