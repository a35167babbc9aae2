target "a" {
  attest = [" type=sbom, generator=x", "TYPE=provenance,MODE=max"]
  cache-from = ["TYPE=registry, REF=x", "type=local,Src=y"]
  cache-to = ["Type=inline"]
  output = [" TYPE=local,DEST=o"]
}
