// Command s3server is the test world's S3-compatible server, for BuildKit's
// s3 cache: gofakes3 (an S3 API implementation in Go) over an in-memory
// store, on one address, path-style, any credentials accepted.
//
//	s3server -listen 127.0.0.1:9000 -bucket bkx-cache
//
// It is its own module so that bkx's go.mod does not carry it.
package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:9000", "address to listen on")
	bucket := flag.String("bucket", "bkx-cache", "bucket to create at start")
	flag.Parse()
	backend := s3mem.New()
	if err := backend.CreateBucket(*bucket); err != nil {
		log.Fatalf("s3server: creating bucket %s: %v", *bucket, err)
	}
	faker := gofakes3.New(backend, gofakes3.WithAutoBucket(true))
	log.Printf("s3server: serving bucket %s on %s", *bucket, *listen)
	log.Fatal(http.ListenAndServe(*listen, faker.Server()))
}
