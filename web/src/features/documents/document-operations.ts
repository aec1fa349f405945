import { graphql } from '@/gql';

export const DocumentListDocument = graphql(`
  query DocumentList($after: String) {
    documents(first: 50, after: $after) {
      nodes {
        id
        filename
        mediaType
        sizeBytes
        status
        scanResult
        failureReason
        progress
        pageCount
        createdAt
        processedAt
      }
      endCursor
      hasNextPage
    }
  }
`);

export const DocumentDetailDocument = graphql(`
  query DocumentDetail($id: ID!) {
    document(id: $id) {
      id
      filename
      mediaType
      sizeBytes
      sha256
      status
      scanResult
      failureReason
      progress
      pageCount
      createdAt
      processedAt
      pages {
        id
        pageNumber
        text
        source
        ocrConfidence
        width
        height
        imageUrl
      }
      extractions {
        id
        kind
        codeSystem
        code
        display
        valueText
        unit
        referenceText
        flag
        effectiveAt
        confidence
        method
        pageNumber
        box {
          x
          y
          width
          height
        }
        dose
        route
        frequency
        clinicalStatus
        onsetText
        concept {
          code
          display
        }
        status
        decidedAt
        standardized {
          loincCode
          loincDisplay
          shortName
        }
      }
    }
  }
`);

export const UploadDocumentDocument = graphql(`
  mutation UploadDocument($input: UploadDocumentInput!) {
    uploadDocument(input: $input) {
      document {
        id
        filename
        status
      }
      uploadUrl
      expiresAt
      maxBytes
    }
  }
`);

export const DocumentDownloadUrlDocument = graphql(`
  query DocumentDownloadUrl($id: ID!) {
    documentDownloadUrl(id: $id) {
      url
      expiresAt
    }
  }
`);

export const DeleteDocumentDocument = graphql(`
  mutation DeleteDocument($id: ID!) {
    deleteDocument(id: $id)
  }
`);

export const ReprocessDocumentDocument = graphql(`
  mutation ReprocessDocument($id: ID!) {
    reprocessDocument(id: $id) {
      id
      status
      progress
    }
  }
`);

export const ConfirmExtractionDocument = graphql(`
  mutation ConfirmExtraction($id: ID!) {
    confirmExtraction(id: $id) {
      id
      status
      decidedAt
    }
  }
`);

export const RejectExtractionDocument = graphql(`
  mutation RejectExtraction($id: ID!) {
    rejectExtraction(id: $id) {
      id
      status
      decidedAt
    }
  }
`);

export const SearchDocumentsDocument = graphql(`
  query SearchDocuments($text: String!, $after: String) {
    searchDocuments(text: $text, first: 20, after: $after) {
      hits {
        document {
          id
          filename
          status
        }
        pageNumber
        rank
        highlight
      }
      endCursor
      hasNextPage
    }
  }
`);
