fn main() {} // placeholder: the build benchmark replaces this
