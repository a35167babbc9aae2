package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	hcl2 "github.com/hashicorp/hcl/v2"
)

// watchdog bounds the time and memory that evaluating build files may
// take. HCL evaluates an expression in one call that cannot be
// interrupted, and a hostile file (a value doubled forty times, a number
// with a billion digits) can run for hours; the watchdog ends the process
// with an error naming the expression being evaluated instead.
type watchdog struct {
	timeout  time.Duration
	maxHeap  uint64
	current  atomic.Pointer[hcl2.Range]
	finished chan struct{}
}

func newWatchdog(timeout time.Duration, maxHeap uint64) *watchdog {
	return &watchdog{timeout: timeout, maxHeap: maxHeap, finished: make(chan struct{})}
}

// trace records the expression being evaluated (hcl.Options.Trace).
func (w *watchdog) trace(r hcl2.Range) { w.current.Store(&r) }

// run calls fn, and calls abort with a message if fn takes longer than
// the timeout or the heap grows past the limit. abort must end the
// process: fn's goroutine cannot be stopped.
func (w *watchdog) run(fn func(), abort func(msg string)) {
	go func() {
		defer close(w.finished)
		fn()
	}()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(w.timeout)
	var ms runtime.MemStats
	for {
		select {
		case <-w.finished:
			return
		case <-deadline:
			abort(w.message(fmt.Sprintf("evaluation did not finish within %s", w.timeout)))
			return
		case <-tick.C:
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > w.maxHeap {
				abort(w.message(fmt.Sprintf("evaluation used more than %d MiB of memory", w.maxHeap>>20)))
				return
			}
		}
	}
}

func (w *watchdog) message(what string) string {
	where := ""
	if r := w.current.Load(); r != nil {
		where = fmt.Sprintf("%s:%d:%d: ", r.Filename, r.Start.Line, r.Start.Column)
	}
	return fmt.Sprintf("%serror: %s while evaluating this expression.\n  The build files build an enormous value here (a value doubled many times over, or a loop over huge lists).\n  Make it smaller; or raise the limits with BKX_EVAL_TIMEOUT (a duration such as 1m) and BKX_EVAL_MAX_MEMORY (MiB).\n", where, what)
}
