package plan

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	bake "github.com/bkx-dev/bkx/hcl"
)

// cacheTypes are the cache backends BuildKit has, each with the
// attributes it cannot do without.
var cacheTypes = map[string]struct {
	from, to []string // required attributes for cache-from, cache-to
	hint     string
}{
	"registry": {from: []string{"ref"}, to: []string{"ref"}, hint: "type=registry,ref=REGISTRY/REPO:cache"},
	"local":    {from: []string{"src"}, to: []string{"dest"}, hint: "type=local,src=DIR for cache-from, type=local,dest=DIR for cache-to"},
	"inline":   {},
	"gha":      {from: []string{"token"}, to: []string{"token"}, hint: "type=gha in GitHub Actions (ACTIONS_RUNTIME_TOKEN and ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL), or url=...,token=..."},
	"s3":       {from: []string{"region", "bucket"}, to: []string{"region", "bucket"}, hint: "type=s3,region=REGION,bucket=BUCKET[,endpoint_url=URL] (credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)"},
	"azblob":   {from: []string{"account_url"}, to: []string{"account_url"}, hint: "type=azblob,account_url=https://ACCOUNT.blob.core.windows.net,name=NAME"},
}

// cacheTypeList names the cache types, for messages.
const cacheTypeList = "registry, local, inline, gha, s3 and azblob"

// Cache is one cache-from or cache-to entry as BuildKit takes it: the
// type and its attributes, with what buildx takes from the environment
// filled in and local paths made absolute.
type Cache struct {
	Type  string
	Attrs map[string]string
	// Inactive is true for a gha cache outside GitHub Actions (no token):
	// buildx leaves it out, so that one file builds in CI and locally.
	Inactive bool
}

// CacheEntry reads an entry the way buildx does before it hands it to
// BuildKit: no type is registry; gha takes url, url_v2 and token from
// ACTIONS_CACHE_URL, ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN; s3
// takes its credentials and region from the AWS variables; relative
// local paths are relative to workdir.
func CacheEntry(e bake.Entry, env map[string]string, workdir string) Cache {
	c := Cache{Type: e.Type(), Attrs: map[string]string{}}
	if c.Type == "" {
		c.Type = "registry"
	}
	for k, v := range e {
		if k != "type" {
			c.Attrs[k] = v
		}
	}
	fill := func(attr, envName string) {
		if _, set := c.Attrs[attr]; !set && env[envName] != "" {
			c.Attrs[attr] = env[envName]
		}
	}
	switch c.Type {
	case "local":
		for _, k := range []string{"src", "dest"} {
			if p := c.Attrs[k]; p != "" {
				c.Attrs[k] = Abs(workdir, p)
			}
		}
	case "gha":
		fill("token", "ACTIONS_RUNTIME_TOKEN")
		fill("url", "ACTIONS_CACHE_URL")
		fill("url_v2", "ACTIONS_RESULTS_URL")
		c.Inactive = c.Attrs["token"] == "" || (c.Attrs["url"] == "" && c.Attrs["url_v2"] == "")
	case "s3":
		fill("access_key_id", "AWS_ACCESS_KEY_ID")
		fill("secret_access_key", "AWS_SECRET_ACCESS_KEY")
		fill("session_token", "AWS_SESSION_TOKEN")
		fill("region", "AWS_REGION")
		fill("region", "AWS_DEFAULT_REGION")
	}
	return c
}

// checkCaches checks every cache entry of t at its attribute: an unknown
// type or a missing required attribute is an error; a gha cache with no
// token is a warning (it is skipped, as buildx skips it). It returns the
// cache-to types that will be exported, for the driver's capabilities.
func checkCaches(t *bake.Target, env map[string]string, diags *hcl.Diagnostics) (exported []string) {
	check := func(attr string, list []bake.Entry, to bool) {
		for _, e := range list {
			c := CacheEntry(e, env, "")
			spec, ok := cacheTypes[c.Type]
			if !ok {
				*diags = append(*diags, errorAt(t, attr, fmt.Sprintf("Unknown cache type %q", c.Type),
					fmt.Sprintf("Target %q has %s type=%s; BuildKit's cache types are %s.", t.Name, attr, c.Type, cacheTypeList)))
				continue
			}
			if c.Inactive {
				*diags = append(*diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "gha cache skipped",
					Detail:  fmt.Sprintf("Target %q has %s type=gha, but there is no token (ACTIONS_RUNTIME_TOKEN) and cache URL (ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL) outside GitHub Actions, so it is left out, as buildx leaves it out. Give token= and url= to use it here.", t.Name, attr),
					Subject: at(t, attr)})
				continue
			}
			required := spec.from
			if to {
				required = spec.to
			}
			var missing []string
			for _, r := range required {
				if c.Attrs[r] == "" {
					missing = append(missing, r)
				}
			}
			if len(missing) > 0 {
				*diags = append(*diags, errorAt(t, attr, fmt.Sprintf("Cache type=%s needs %s", c.Type, strings.Join(missing, " and ")),
					fmt.Sprintf("Target %q has %s type=%s without %s. Write it as %s.", t.Name, attr, c.Type, strings.Join(missing, ", "), spec.hint)))
				continue
			}
			if to {
				exported = append(exported, c.Type)
			}
		}
	}
	check("cache-from", t.CacheFrom, false)
	check("cache-to", t.CacheTo, true)
	return exported
}
