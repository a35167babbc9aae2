target "app" { annotations = ["org.a=b=c", "index:org.k=x=y"] }
