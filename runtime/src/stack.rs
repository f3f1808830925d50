//! Stack capture with libgcc's `_Unwind_Backtrace`.
//!
//! The reporting entry points hand in `caller`, the return address of the
//! call made by instrumented code into the runtime. The unwinder walks the
//! runtime's own frames first; everything before the first frame whose
//! address equals `caller` is dropped, so runtime frames never appear in a
//! report. If the unwinder cannot find that frame, the trace is just
//! `[caller]`.
//!
//! Addresses are return addresses (as the unwinder reports them); the
//! symbolizer looks them up at `pc - 1` so that a call ending a basic block
//! is attributed to its own line.

use core::ffi::{c_int, c_void};

/// Maximum number of frames kept in a trace.
pub const MAX_FRAMES: usize = 128;

/// A captured stack: return addresses, innermost first. No heap allocation.
pub struct Trace {
    pcs: [usize; MAX_FRAMES],
    len: usize,
}

impl Trace {
    /// The captured addresses, innermost first.
    pub fn pcs(&self) -> &[usize] {
        &self.pcs[..self.len]
    }
}

#[repr(C)]
struct UnwindContext {
    _private: [u8; 0],
}

type UnwindReasonCode = c_int;
const URC_NO_REASON: UnwindReasonCode = 0;
const URC_END_OF_STACK: UnwindReasonCode = 5;

type TraceFn = extern "C" fn(*mut UnwindContext, *mut c_void) -> UnwindReasonCode;

extern "C" {
    fn _Unwind_Backtrace(f: TraceFn, arg: *mut c_void) -> UnwindReasonCode;
    fn _Unwind_GetIP(ctx: *mut UnwindContext) -> usize;
}

struct State {
    trace: Trace,
    caller: usize,
    found: bool,
}

extern "C" fn on_frame(ctx: *mut UnwindContext, arg: *mut c_void) -> UnwindReasonCode {
    // SAFETY: arg is the &mut State passed to _Unwind_Backtrace below.
    let st = unsafe { &mut *(arg as *mut State) };
    // SAFETY: ctx is the unwinder's live context.
    let ip = unsafe { _Unwind_GetIP(ctx) };
    if !st.found {
        if ip != st.caller {
            return URC_NO_REASON;
        }
        st.found = true;
    }
    if ip == 0 || st.trace.len == MAX_FRAMES {
        return URC_END_OF_STACK;
    }
    st.trace.pcs[st.trace.len] = ip;
    st.trace.len += 1;
    URC_NO_REASON
}

/// Capture the stack of the instrumented code whose call into the runtime
/// returns to `caller`.
#[inline(never)]
pub fn capture(caller: usize) -> Trace {
    let mut st = State {
        trace: Trace {
            pcs: [0; MAX_FRAMES],
            len: 0,
        },
        caller,
        found: false,
    };
    // SAFETY: on_frame only touches `st`.
    unsafe { _Unwind_Backtrace(on_frame, &mut st as *mut State as *mut c_void) };
    if !st.found || st.trace.len == 0 {
        st.trace.pcs[0] = caller;
        st.trace.len = 1;
    }
    st.trace
}
