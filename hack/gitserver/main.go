// Command gitserver serves the git repositories below a folder over smart
// HTTP, through git's own `git http-backend`, and requires a token: the
// test world's private git server, for remote bake definitions read with
// BUILDX_BAKE_GIT_AUTH_TOKEN or BUILDX_BAKE_GIT_AUTH_HEADER.
//
//	gitserver -listen 127.0.0.1:9480 -root /var/lib/bkx-testenv/git -token TOKEN
//
// A request is let in when its Authorization header is what git sends for
// the token as BuildKit and buildx send it ("basic" and base64 of
// "x-access-token:TOKEN") or "bearer TOKEN"; any other gets 401. Every
// request is logged with whether it was let in.
package main

import (
	"crypto/subtle"
	"encoding/base64"
	"flag"
	"log"
	"net/http"
	"net/http/cgi"
	"os/exec"
	"strings"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:9480", "address to listen on")
	root := flag.String("root", "", "folder holding the repositories (GIT_PROJECT_ROOT)")
	token := flag.String("token", "", "the token a request must carry")
	flag.Parse()
	if *root == "" || *token == "" {
		log.Fatal("gitserver: -root and -token are required")
	}
	git, err := exec.LookPath("git")
	if err != nil {
		log.Fatalf("gitserver: %v", err)
	}
	backend := &cgi.Handler{
		Path: git,
		Args: []string{"http-backend"},
		Env:  []string{"GIT_PROJECT_ROOT=" + *root, "GIT_HTTP_EXPORT_ALL=1"},
	}
	accepted := []string{
		"basic " + base64.StdEncoding.EncodeToString([]byte("x-access-token:"+*token)),
		"bearer " + *token,
	}
	http.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok := authorized(r.Header.Get("Authorization"), accepted)
		log.Printf("%s %s authorized=%v", r.Method, r.URL.RequestURI(), ok)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Basic realm="bkx-testenv"`)
			http.Error(w, "a token is required", http.StatusUnauthorized)
			return
		}
		backend.ServeHTTP(w, r)
	}))
	log.Printf("gitserver: serving %s on %s", *root, *listen)
	log.Fatal(http.ListenAndServe(*listen, nil))
}

// authorized compares the header's scheme case-insensitively and its
// credentials exactly.
func authorized(header string, accepted []string) bool {
	scheme, cred, ok := strings.Cut(header, " ")
	if !ok {
		return false
	}
	got := strings.ToLower(scheme) + " " + strings.TrimSpace(cred)
	for _, a := range accepted {
		if subtle.ConstantTimeCompare([]byte(got), []byte(a)) == 1 {
			return true
		}
	}
	return false
}
