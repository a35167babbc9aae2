target "default" {
  secret = ["type=file,id=f,src=s.txt", "id=g,src=s.txt", "id=h,env=H,type=env"]
  attest = ["type=provenance,disabled=false", { type = "sbom", disabled = "true", generator = "x" }]
}
