target "default" {
  ulimits = ["nofile=-1", "nproc=1:2"]
  shm-size = "1.5g"
  platforms = ["Linux/AMD64", "linux", "amd64", "local"]
  annotations = ["=v", "k=", "manifest,index:x=y"]
}
