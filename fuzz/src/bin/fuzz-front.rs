//! The AFL++ harness of the card-front targets: `ONSHI_FUZZ_TARGET` names the target (see
//! `onshi_fuzz::targets`); `cargo xtask fuzz` sets it.

fn main() {
    let run = onshi_fuzz::chosen(onshi_fuzz::Group::Front);
    afl::fuzz!(|data: &[u8]| {
        run(data);
    });
}
