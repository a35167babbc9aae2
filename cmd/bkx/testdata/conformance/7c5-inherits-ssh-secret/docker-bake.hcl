target "a" {
  secret = ["id=s1,env=S1", "id=s2,env=S2"]
}
target "default" {
  inherits = ["a"]
  secret = ["id=s2,env=OTHER", "id=s3,env=S3"]
}
