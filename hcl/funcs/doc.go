// Package funcs provides the built-in function set available to
// docker-bake.hcl files, mirroring what `docker buildx bake` exposes.
//
// The package owns:
//
//   - the registry of all bake function names ([Stdlib]);
//   - bake-specific functions that go-cty's stdlib does not provide
//     (cidr*, crypto hashes, bcrypt, rsadecrypt, base64*, urlencode,
//     uuidv4/uuidv5, basename/dirname, homedir, sanitize, semvercmp,
//     indexof, timestamp, formattimestamp, unixtimestampparse);
//   - resource guards wrapped around cty functions so that hostile input
//     (huge widths, huge collections, huge numbers, division by zero)
//     ends in a clear error instead of exhausting time or memory.
//
// Functions provided unchanged by github.com/zclconf/go-cty's function/stdlib,
// hcl's ext/tryfunc (try, can) and ext/typeexpr (convert) are re-exported
// as-is or behind a guard. Impure functions (timestamp, homedir, uuidv4) take
// their inputs from [Options] where a hermetic evaluation needs it.
//
// Deliberate differences from buildx are listed in the comment on [Stdlib].
package funcs
