package exec

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/containerd/containerd/v2/core/content"
	"github.com/containerd/containerd/v2/core/content/proxy"
	controlapi "github.com/moby/buildkit/api/services/control"
	"github.com/moby/buildkit/client"
	provenancetypes "github.com/moby/buildkit/solver/llbsolver/provenance/types"
	"github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// recordProvenance reads the provenance BuildKit keeps in the build
// history record of ref and returns it by metadata key, as SLSA v0.2
// predicates the way buildx writes them: mode "min" leaves out the LLB
// definition (buildConfig) and the metadata. platforms are the platforms
// the solve built, to key a single result of a multi-platform target.
// A daemon without the history API (dockerd's BuildKit), or a record
// without provenance, gives nothing: the metadata file simply has no
// provenance, as with buildx.
func recordProvenance(ctx context.Context, c *client.Client, ref, mode string, platforms []string, multi bool) map[string]json.RawMessage {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	rec, err := historyRecord(ctx, c, ref)
	if err != nil || rec == nil {
		return nil
	}
	store := proxy.NewContentStore(c.ContentClient())
	out := map[string]json.RawMessage{}
	add := func(key string, ri *controlapi.BuildResultInfo) {
		if ri == nil {
			return
		}
		for _, a := range ri.Attestations {
			if pred, err := readProvenance(ctx, store, a, mode); err == nil {
				out[key] = pred
				return
			}
		}
	}
	const key = "buildx.build.provenance"
	if rec.Result != nil {
		if multi && len(platforms) == 1 {
			add(key+"/"+platforms[0], rec.Result)
		} else {
			add(key, rec.Result)
		}
	}
	for p, ri := range rec.Results {
		add(key+"/"+p, ri)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// historyRecord waits for the completed history record of ref.
func historyRecord(ctx context.Context, c *client.Client, ref string) (*controlapi.BuildHistoryRecord, error) {
	cl, err := c.ControlClient().ListenBuildHistory(ctx, &controlapi.BuildHistoryRequest{Ref: ref})
	if err != nil {
		return nil, err
	}
	for {
		ev, err := cl.Recv()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, nil
			}
			return nil, err
		}
		if ev.Record != nil && ev.Record.Ref == ref && ev.Record.CompletedAt != nil {
			return ev.Record, nil
		}
	}
}

// readProvenance reads one attestation of a history record and, if it
// is SLSA provenance, returns its predicate in v0.2 form.
func readProvenance(ctx context.Context, store content.Store, a *controlapi.Descriptor, mode string) (json.RawMessage, error) {
	var v02 *provenancetypes.ProvenancePredicateSLSA02
	switch a.Annotations["in-toto.io/predicate-type"] {
	case "https://slsa.dev/provenance/v1":
		var p provenancetypes.ProvenancePredicateSLSA1
		if err := readJSON(ctx, store, a, &p); err != nil {
			return nil, err
		}
		v02 = p.ConvertToSLSA02()
	case "https://slsa.dev/provenance/v0.2":
		v02 = &provenancetypes.ProvenancePredicateSLSA02{}
		if err := readJSON(ctx, store, a, v02); err != nil {
			return nil, err
		}
	default:
		return nil, errors.New("not a provenance attestation")
	}
	if mode != "max" {
		v02.BuildConfig = nil
		v02.Metadata = nil
	}
	return json.Marshal(v02)
}

func readJSON(ctx context.Context, store content.Store, a *controlapi.Descriptor, v any) error {
	ra, err := store.ReaderAt(ctx, ocispecs.Descriptor{MediaType: a.MediaType, Digest: digest.Digest(a.Digest), Size: a.Size})
	if err != nil {
		return err
	}
	defer ra.Close()
	return json.NewDecoder(io.LimitReader(content.NewReader(ra), 16<<20)).Decode(v)
}
