//! Lists loaded from files: text as it is, CSV by its first column, anything not UTF-8
//! refused with where it went wrong.

use invalidator::list_file::read_list_file;

#[test]
fn a_text_file_is_read_as_it_is_and_a_csv_by_its_first_column() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("export.txt");
    std::fs::write(&txt, "\u{FEFF}/a.jpg\r\nhttps://t.cloudimg.io/b.jpg?w=1\n").unwrap();
    assert_eq!(
        read_list_file(&txt).unwrap(),
        "\u{FEFF}/a.jpg\r\nhttps://t.cloudimg.io/b.jpg?w=1\n"
    );
    let csv = dir.path().join("sitemap.CSV");
    std::fs::write(
        &csv,
        "\"/a,b.jpg\",2026-11-01,image\n/c.jpg\n\"https://t.cloudimg.io/d.jpg\",\"x\"\n",
    )
    .unwrap();
    assert_eq!(
        read_list_file(&csv).unwrap(),
        "/a,b.jpg\n/c.jpg\nhttps://t.cloudimg.io/d.jpg\n"
    );
}

#[test]
fn a_file_in_another_encoding_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"/a.jpg\n/caf\xE9.jpg\n").unwrap();
    let err = read_list_file(&latin1).unwrap_err().to_string();
    assert!(
        err.contains("not UTF-8 text (byte 0xE9 on line 2)"),
        "{err}"
    );
    let missing = dir.path().join("missing.txt");
    assert!(
        read_list_file(&missing)
            .unwrap_err()
            .to_string()
            .contains("cannot read")
    );
}
