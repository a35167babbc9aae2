target "default" {
  secret = ["id=a,type=file,env=A", "id=b,env=B,src=b.txt"]
}
