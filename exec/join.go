package exec

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/containerd/containerd/v2/core/remotes"
	"github.com/containerd/platforms"
	"github.com/moby/buildkit/util/progress/progresswriter"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// joinSplit pushes, for every target whose platforms were built on
// several nodes (each pushing its part by digest), one index of all the
// platforms under the target's tags. A target with a failed part is not
// joined: its tags are left as they were.
func (r *runner) joinSplit(ctx context.Context, jobs []*job) {
	byTarget := map[string][]*job{}
	var order []string
	for _, j := range jobs {
		if !r.split[j.target()] {
			continue
		}
		if byTarget[j.target()] == nil {
			order = append(order, j.target())
		}
		byTarget[j.target()] = append(byTarget[j.target()], j)
	}
	res := resolver(r.opt.Env)
	for _, name := range order {
		parts := byTarget[name]
		ok := true
		for _, j := range parts {
			ok = ok && j.result != nil
		}
		if !ok || len(parts[0].result.tags) == 0 {
			continue
		}
		tags := parts[0].result.tags
		pw := r.mw.WithPrefix(name, true)
		var index string
		var joinErr error
		progresswriter.Write(pw, "joining the platforms of "+strings.Join(tags, ", ")+" into one index", func() error {
			joinErr = func() error {
				var manifests []ocispecs.Descriptor
				repo, err := repoOf(tags[0])
				if err != nil {
					return err
				}
				for _, j := range parts {
					var desc ocispecs.Descriptor
					raw := j.result.Response["containerimage.descriptor"]
					if b, err := base64.StdEncoding.DecodeString(raw); err == nil {
						raw = string(b)
					}
					if err := json.Unmarshal([]byte(raw), &desc); err != nil || desc.Digest == "" {
						return fmt.Errorf("node %s returned no image descriptor for %s", j.node(), name)
					}
					var plat *ocispecs.Platform
					if len(j.result.Platforms) == 1 {
						p, err := platforms.Parse(j.result.Platforms[0])
						if err != nil {
							return err
						}
						plat = &p
					}
					ms, err := platformManifests(ctx, res, repo, desc, plat)
					if err != nil {
						return err
					}
					manifests = append(manifests, ms...)
				}
				d, err := pushIndex(ctx, func() remotes.Resolver { return resolver(r.opt.Env) }, tags, manifests)
				if err != nil {
					return err
				}
				index = d.String()
				return nil
			}()
			return joinErr
		})
		close(pw.Status())
		if joinErr != nil {
			for _, j := range parts {
				j.err = fmt.Errorf("joining the platforms built on several nodes into one index: %w", joinErr)
				j.result = nil
			}
			continue
		}
		for _, j := range parts {
			j.result.Index = index
		}
	}
}
