package main

import (
	"slices"

	hcl2 "github.com/hashicorp/hcl/v2"

	"github.com/bkx-dev/bkx/drivers/docker"
	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/dockerhost"
)

// addDockerContext makes --builder NAME work for a docker context NAME
// when no builder of that name is known, as buildx allows: a builder on
// the docker driver whose node is the context's daemon (host, TLS, or ssh
// through the docker CLI's connection helper).
func (s *builderSet) addDockerContext(name string, env map[string]string) {
	if name == "" || name == "default" || slices.ContainsFunc(s.blocks, func(b *hcl.Builder) bool { return b.Name == name }) {
		return
	}
	if !dockerhost.HasContext(env, name) {
		return
	}
	s.blocks = append(s.blocks, &hcl.Builder{
		Name:   name,
		Driver: docker.Name,
		Nodes:  []*hcl.Node{{Name: name, Endpoint: name, Ranges: map[string]hcl2.Range{}}},
	})
}
