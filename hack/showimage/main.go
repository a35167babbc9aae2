// Command showimage prints what a local (plain HTTP) registry holds for an
// image: the index and the platform of each manifest. make demo uses it to
// show what bkx pushed.
//
//	go run ./hack/showimage localhost:5000/bkx-demo/app:dev
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
)

type descriptor struct {
	MediaType string `json:"mediaType"`
	Digest    string `json:"digest"`
	Size      int64  `json:"size"`
	Platform  *struct {
		OS           string `json:"os"`
		Architecture string `json:"architecture"`
		Variant      string `json:"variant,omitempty"`
	} `json:"platform,omitempty"`
	Annotations map[string]string `json:"annotations,omitempty"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: showimage HOST/REPO:TAG")
		os.Exit(2)
	}
	host, rest, _ := strings.Cut(os.Args[1], "/")
	repo, tag, ok := strings.Cut(rest, ":")
	if !ok {
		tag = "latest"
	}
	req, _ := http.NewRequest("GET", fmt.Sprintf("http://%s/v2/%s/manifests/%s", host, repo, tag), nil)
	req.Header.Set("Accept", "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		fmt.Fprintf(os.Stderr, "%s: %s\n", os.Args[1], resp.Status)
		os.Exit(1)
	}
	var idx struct {
		MediaType string       `json:"mediaType"`
		Manifests []descriptor `json:"manifests"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&idx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s  %s  %s\n", os.Args[1], resp.Header.Get("Docker-Content-Digest"), idx.MediaType)
	for _, m := range idx.Manifests {
		plat := "(attestation)"
		if m.Platform != nil && m.Platform.OS != "unknown" {
			plat = m.Platform.OS + "/" + m.Platform.Architecture
			if m.Platform.Variant != "" {
				plat += "/" + m.Platform.Variant
			}
		}
		fmt.Printf("  %-14s %s  %d bytes\n", plat, m.Digest, m.Size)
	}
}
