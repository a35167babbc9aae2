target "default" {
  args = {
    B64E = base64encode("hello")
    B64D = base64decode("aGVsbG8=")
    JSONE = jsonencode({ b = [1, true, null], a = "x" })
    JSOND = jsondecode("{\"a\": [1, 2]}").a[1]
    CSVD = jsonencode(csvdecode("a,b\n1,2\n3,4"))
    URL = urlencode("a b&c=d/é")
    MD5 = md5("x")
    SHA1 = sha1("x")
    SHA256 = sha256("x")
    SHA512 = sha512("x")
    UUIDV5 = uuidv5("dns", "example.com")
  }
}
