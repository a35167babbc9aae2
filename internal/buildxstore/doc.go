// Package buildxstore reads docker buildx's builder store, so that
// builders made with `docker buildx create` are usable by bkx as they are.
//
// It owns: where the store is ($BUILDX_CONFIG, else $DOCKER_CONFIG/buildx,
// else ~/.docker/buildx, all from an environment map, never the
// process's), its instances/NAME files, which builder `docker buildx use`
// selected for a docker endpoint (the current file and defaults/), and the
// translation of a store entry into a builder block that names the
// container or Deployment buildx made (buildx_buildkit_<node>, the node's
// name), so that bkx drives that BuildKit and never starts a second one.
//
// It does not own: deciding which builder wins when a name exists in
// several places (cmd/bkx); reaching docker endpoints (the drivers read a
// node's docker host or context name as buildx wrote it); checking driver
// options beyond leaving out, with a warning, those bkx's drivers do not
// have. It never writes to the store: no locks, no activity, no current
// builder.
package buildxstore
